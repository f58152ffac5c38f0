package io.github.twitterstats.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.Post;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A strict loopback stand-in for the X API v2, written from X's public documentation (docs.x.com:
 * users lookup, fundamentals/authentication, response codes and errors, rate limits), not from what
 * this program sends. It answers from a registry of accounts rather than from one stub per case.
 *
 * <p>Served: {@code GET /2/users/by?usernames=...&user.fields=...} and
 * {@code GET /2/users/:id/tweets}. Each request is checked in X's order (route, authentication,
 * rate limit, parameters) and rejected with X's documented error shapes: 404 for an unknown route,
 * 401 {@code Unauthorized} for a missing or wrong {@code Authorization} header (a bearer token
 * compared exactly, or an OAuth 1.0a header whose consumer key, token, method and HMAC-SHA1
 * signature per RFC 5849, query included, are all verified), 400 {@code Invalid Request} for
 * unknown or repeated parameters and malformed values.
 *
 * <p>{@code /2/users/by}: a missing or malformed {@code usernames}, more than 100 names, or an
 * unknown field or expansion is a 400. Stricter than X on one point, on purpose: {@code user.fields}
 * must include {@code public_metrics} (X would answer without the metrics). Answers carry
 * {@code data[]} ({@code id}, {@code name}, {@code username}, {@code public_metrics}) for known
 * accounts and {@code errors[]} for unknown and suspended ones.
 *
 * <p>{@code /2/users/:id/tweets} (the user posts timeline): {@code id} of 1 to 19 digits;
 * {@code start_time}/{@code end_time} in RFC 3339 ({@code YYYY-MM-DDTHH:mm:ssZ}), start before end,
 * start inclusive, end exclusive; {@code max_results} 5..100 (default 10); {@code tweet.fields} from
 * the documented set; a {@code pagination_token} only as issued in {@code meta.next_token} or
 * {@code meta.previous_token} for the same query. Posts come newest first, each with only the
 * default fields ({@code id}, {@code text}, {@code edit_history_tweet_ids}) and the requested ones,
 * in {@code data[]} with {@code meta{result_count,newest_id,oldest_id,next_token,previous_token}};
 * an empty page has no {@code data} and {@code result_count} 0. An unknown id is a 200 with only
 * {@code errors[]} ("Not Found Error", {@code resource-not-found}, {@code "parameter":"id"}); a
 * suspended user the same with "Forbidden". Stricter than X, on purpose: both {@code start_time}
 * and {@code end_time} are required, and {@code tweet.fields} must include {@code created_at} (a
 * backup that forgot either would read the wrong posts or posts it cannot date); the documented
 * parameters this fake does not implement ({@code since_id}, {@code until_id}, {@code exclude},
 * expansions and the other {@code *.fields}) are a 400 rather than silently ignored.
 *
 * <p>Each endpoint has its own rate-limit window, as at X; answers carry the rate-limit headers,
 * {@code x-rate-limit-remaining} going down by one a request; at zero the answer is 429.
 *
 * <p>Faults are queued and served in order to the next authenticated requests, whichever the
 * endpoint; an account's timeline can fail by itself ({@link Account#timelineFailsWith}); a
 * slow-response delay applies to every answer. Every request, rejected or not, is kept in the
 * journal, and every 400 this fake sends (and any bug of its own) in {@link #problems()}.
 */
public final class FakeXApi implements AutoCloseable {

    public static final int MAX_USERNAMES = 100;
    public static final int DEFAULT_RATE_LIMIT = 300;   // /2/users/by, per 15 minutes per app
    public static final int DEFAULT_TIMELINE_RATE_LIMIT = 1500;   // /2/users/:id/tweets, per 15 minutes per app
    public static final int MIN_RESULTS = 5;
    public static final int MAX_RESULTS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_]{1,15}$");
    private static final Set<String> USERS_BY_PARAMETERS = Set.of("usernames", "expansions", "tweet.fields", "user.fields");
    private static final Set<String> USER_FIELDS = Set.of("affiliation", "connection_status", "created_at",
            "description", "entities", "id", "location", "most_recent_tweet_id", "name", "pinned_tweet_id",
            "profile_banner_url", "profile_image_url", "protected", "public_metrics", "receives_your_dm",
            "subscription_type", "url", "username", "verified", "verified_type", "withheld");
    private static final Set<String> USER_EXPANSIONS = Set.of("affiliation.user_id", "most_recent_tweet_id", "pinned_tweet_id");
    private static final Set<String> TWEET_FIELDS = Set.of("article", "attachments", "author_id", "card_uri",
            "community_id", "context_annotations", "conversation_id", "created_at", "display_text_range",
            "edit_controls", "edit_history_tweet_ids", "entities", "geo", "id", "in_reply_to_user_id", "lang",
            "media_metadata", "non_public_metrics", "note_tweet", "organic_metrics", "possibly_sensitive",
            "promoted_metrics", "public_metrics", "referenced_tweets", "reply_settings", "scopes", "source",
            "suggested_source_links", "text", "withheld");
    /** Sent whatever {@code tweet.fields} asks for. */
    private static final Set<String> DEFAULT_TWEET_FIELDS = Set.of("id", "text", "edit_history_tweet_ids");
    private static final Pattern TIMELINE = Pattern.compile("^/2/users/([^/]+)/tweets$");
    private static final Pattern USER_ID = Pattern.compile("^[0-9]{1,19}$");
    private static final Pattern RFC3339 = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");
    private static final Set<String> TIMELINE_PARAMETERS = Set.of("end_time", "exclude", "expansions", "max_results",
            "media.fields", "pagination_token", "place.fields", "poll.fields", "since_id", "start_time",
            "tweet.fields", "until_id", "user.fields");
    private static final Set<String> TIMELINE_PARAMETERS_IMPLEMENTED = Set.of("end_time", "max_results",
            "pagination_token", "start_time", "tweet.fields");

    private final XCredentials accepted;
    private final WireMockServer server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Account> accountsById = new ConcurrentHashMap<>();
    private final Map<String, String> issuedTokens = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1_000_000_001L);
    private final Deque<Injected> faults = new ArrayDeque<>();
    private final List<RecordedRequest> journal = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private final Window usersByWindow = new Window(DEFAULT_RATE_LIMIT);
    private final Window timelineWindow = new Window(DEFAULT_TIMELINE_RATE_LIMIT);

    private FakeXApi(XCredentials accepted) {
        this.accepted = accepted;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .disableRequestJournal()
                .extensions(new Router()));
    }

    /** Starts a fake that accepts exactly these credentials. */
    public static FakeXApi start(XCredentials accepted) {
        FakeXApi fake = new FakeXApi(accepted);
        fake.server.start();
        fake.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));   // the router answers instead
        return fake;
    }

    /** The value for {@code X_API_URL}: scheme, host and port, no path. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---------------------------------------------------------------- registry

    /** Registers an active account with distinct, non-zero default metrics; adjust with its setters. */
    public Account addAccount(String username) {
        String id;
        do {
            id = Long.toString(nextId.getAndIncrement());
        } while (accountsById.containsKey(id));
        return addAccount(username, id);
    }

    /** The same with a given user id (1 to 19 digits, unique in the fake). */
    public synchronized Account addAccount(String username, String id) {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("X user names match " + USERNAME + ": " + username);
        }
        if (!USER_ID.matcher(id).matches() || accountsById.containsKey(id)) {
            throw new IllegalArgumentException("X user ids are 1 to 19 digits, unique: " + id);
        }
        long n = Long.parseLong(id) % 1_000_000L;
        Account account = new Account(username, id)
                .followers(1000 + n).following(100 + n).posts(5000 + n).listed(10 + n).likes(20 + n);
        accounts.put(username.toLowerCase(Locale.ROOT), account);
        accountsById.put(id, account);
        return account;
    }

    /** Registers {@code count} accounts {@code prefix1..prefixN} and returns their user names. */
    public List<String> addAccounts(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add(addAccount(prefix + i).username());
        }
        return names;
    }

    public Account account(String username) {
        Account account = accounts.get(username.toLowerCase(Locale.ROOT));
        if (account == null) {
            throw new IllegalArgumentException("no such account in the fake: " + username);
        }
        return account;
    }

    // ---------------------------------------------------------------- faults and limits

    /** The next {@code times} authenticated requests answer 429 with {@code x-rate-limit-reset} = {@code reset}. */
    public synchronized FakeXApi tooManyRequests(int times, Instant reset) {
        return inject(times, new Injected(429, null, reset, false));
    }

    /** The next {@code times} authenticated requests answer {@code status} (a 5xx, say) with X's problem body. */
    public synchronized FakeXApi failWith(int status, int times) {
        return inject(times, new Injected(status, null, null, false));
    }

    /** The next {@code times} authenticated requests answer 200 with a body that is not JSON. */
    public synchronized FakeXApi malformedJson(int times) {
        return inject(times, new Injected(200, null, null, true));
    }

    /** The next {@code times} authenticated requests have their connection reset (TCP RST). */
    public synchronized FakeXApi dropConnections(int times) {
        return inject(times, new Injected(0, Fault.CONNECTION_RESET_BY_PEER, null, false));
    }

    /** The next {@code times} authenticated requests are closed without any answer. */
    public synchronized FakeXApi emptyResponses(int times) {
        return inject(times, new Injected(0, Fault.EMPTY_RESPONSE, null, false));
    }

    /** The next {@code times} requests answer 401 as if the credentials had been revoked. */
    public synchronized FakeXApi unauthorized(int times) {
        return inject(times, new Injected(401, null, null, false));
    }

    /** Every answer (faults included) is held back this long. */
    public FakeXApi delayResponses(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Sets the {@code /2/users/by} window: {@code limit} requests, {@code remaining} left, reset at {@code reset}. */
    public FakeXApi rateLimit(int limit, int remaining, Instant reset) {
        usersByWindow.set(limit, remaining, reset);
        return this;
    }

    /** Sets the {@code /2/users/:id/tweets} window, as {@link #rateLimit} does for users lookup. */
    public FakeXApi timelineRateLimit(int limit, int remaining, Instant reset) {
        timelineWindow.set(limit, remaining, reset);
        return this;
    }

    private FakeXApi inject(int times, Injected fault) {
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
        return this;
    }

    // ---------------------------------------------------------------- journal

    /** Every request received, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(journal);
    }

    public int requestCount() {
        return journal.size();
    }

    public void clearJournal() {
        journal.clear();
    }

    /**
     * Why this fake refused requests as invalid (every 400 it sent), and any bug of its own: a
     * client that keeps to the protocol leaves this empty.
     */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * One request as received. {@code headers} has lower-case names. {@code answer} is the status
     * served, or the fault's name.
     */
    public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> query,
                                  Map<String, String> headers, String answer, Instant at) {

        /** The {@code usernames} parameter, split; empty if absent. */
        public List<String> usernames() {
            List<String> values = query.getOrDefault("usernames", List.of());
            return values.isEmpty() || values.get(0).isEmpty() ? List.of() : List.of(values.get(0).split(",", -1));
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The first value of query parameter {@code name}, or null. */
        public String param(String name) {
            List<String> values = query.getOrDefault(name, List.of());
            return values.isEmpty() ? null : values.get(0);
        }

        public boolean isTimeline() {
            return TIMELINE.matcher(path).matches();
        }
    }

    // ---------------------------------------------------------------- accounts

    /** An account the fake knows. Setters are fluent; changes apply to later answers. */
    public static final class Account {
        private final String username;
        private final String id;
        private volatile long followers;
        private volatile long following;
        private volatile long posts;
        private volatile long listed;
        private volatile Long likes;
        private volatile boolean likesSent = true;
        private volatile Long media;
        private volatile String postCountName = "tweet_count";
        private volatile boolean suspended;
        private volatile int timelineStatus;
        private final List<Post> timeline = new CopyOnWriteArrayList<>();
        private final AtomicLong postSeq = new AtomicLong();

        private Account(String username, String id) {
            this.username = username;
            this.id = id;
        }

        public String username() { return username; }
        public String id() { return id; }
        public long followers() { return followers; }
        public long following() { return following; }
        public long posts() { return posts; }
        public long listed() { return listed; }

        public Account followers(long n) { followers = n; return this; }
        public Account following(long n) { following = n; return this; }
        public Account posts(long n) { posts = n; return this; }
        public Account listed(long n) { listed = n; return this; }
        public Account likes(long n) { likes = n; likesSent = true; return this; }
        /** {@code like_count} left out of public_metrics. */
        public Account likesAbsent() { likes = null; likesSent = false; return this; }
        /** {@code "like_count": null}. */
        public Account likesNull() { likes = null; likesSent = true; return this; }
        /** Adds {@code media_count} (absent unless set). */
        public Account media(long n) { media = n; return this; }
        /** Names the post count {@code post_count} (newer specs) instead of {@code tweet_count}. */
        public Account postCountNamedPostCount() { postCountName = "post_count"; return this; }
        /** The account comes back in {@code errors[]} as suspended (users lookup and timeline). */
        public Account suspended() { suspended = true; return this; }

        /** Adds posts to the account's timeline (say {@link SamplePosts#ofDay}); their JSON is what X sends. */
        public Account addPosts(List<Post> posts) { timeline.addAll(posts); return this; }

        /** Adds {@code count} posts spread over {@code day} ({@link SamplePosts#ofDay} with this account's id). */
        public Account postsOn(LocalDate day, int count) { return addPosts(SamplePosts.ofDay(id, day, count)); }

        /** Adds one post with a snowflake-like id that grows with {@code createdAt}, and returns it. */
        public Post post(Instant createdAt, String text) {
            String postId = Long.toString(1_800_000_000_000_000_000L + createdAt.getEpochSecond() * 1_000_000L
                    + Long.parseLong(id) % 1000 * 1000 + postSeq.getAndIncrement() % 1000);
            Post post = SamplePosts.post(postId, id, createdAt, text);
            timeline.add(post);
            return post;
        }

        /** Every timeline request for this account (once authenticated, valid and within the limit) answers {@code status}. */
        public Account timelineFailsWith(int status) { timelineStatus = status; return this; }

        public List<Post> timeline() { return List.copyOf(timeline); }
    }

    // ---------------------------------------------------------------- serving

    private record Injected(int status, Fault fault, Instant reset, boolean malformed) { }

    private final class Router implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request request = serveEvent.getRequest();
            Answer answer;
            try {
                answer = route(request);
            } catch (RuntimeException bug) {
                bug.printStackTrace();
                problems.add("fake X API bug: " + bug);
                answer = Answer.of(500, Map.of(), problem("Fake X API bug", String.valueOf(bug), "about:blank", 500));
            }
            record(request, answer);
            ResponseDefinitionBuilder response = aResponse();
            if (!delay.isZero()) {
                response.withFixedDelay(Math.toIntExact(delay.toMillis()));
            }
            if (answer.fault() != null) {
                return response.withFault(answer.fault()).build();
            }
            response.withStatus(answer.status()).withHeader("content-type", "application/json; charset=utf-8");
            answer.headers().forEach(response::withHeader);
            return response.withBody(answer.body()).build();
        }

        @Override
        public String getName() {
            return "fake-x-api";
        }
    }

    private record Answer(int status, Map<String, String> headers, String body, Fault fault) {
        static Answer of(int status, Map<String, String> headers, Object body) {
            return new Answer(status, headers, body instanceof String s ? s : write(body), null);
        }
    }

    private Answer route(Request request) {
        String path = URI.create(request.getUrl()).getRawPath();
        boolean get = request.getMethod().getName().equals("GET");
        if (get && path.equals("/2/users/by")) {
            return authenticated(request, usersByWindow, () -> usersBy(request));
        }
        Matcher timeline = TIMELINE.matcher(path);
        if (get && timeline.matches()) {
            return authenticated(request, timelineWindow, () -> timeline(request, timeline.group(1)));
        }
        return Answer.of(404, Map.of(), problem("Not Found Error", "Sorry, that page does not exist.", "about:blank", 404));
    }

    private Answer authenticated(Request request, Window window, java.util.function.Supplier<Answer> endpoint) {
        String rejection = checkAuthorization(request);
        if (rejection != null) {
            return Answer.of(401, Map.of(), problem("Unauthorized", "Unauthorized", "about:blank", 401));
        }
        Injected fault;
        synchronized (this) {
            fault = faults.pollFirst();
        }
        if (fault != null) {
            return injected(fault, window);
        }
        if (!window.take()) {
            return Answer.of(429, window.headers(0, null), tooManyRequestsBody());
        }
        return endpoint.get();
    }

    private Answer injected(Injected fault, Window window) {
        if (fault.fault() != null) {
            return new Answer(0, Map.of(), "", fault.fault());
        }
        if (fault.status() == 429) {
            return Answer.of(429, window.headers(0, fault.reset()), tooManyRequestsBody());
        }
        if (fault.status() == 401) {
            return Answer.of(401, Map.of(), problem("Unauthorized", "Unauthorized", "about:blank", 401));
        }
        if (fault.malformed()) {
            return Answer.of(200, window.headers(), "{\"data\":[{\"id\":\"1\",\"username\":");
        }
        return Answer.of(fault.status(), Map.of(),
                problem("Service Unavailable", "Service Unavailable", "about:blank", fault.status()));
    }

    private Answer usersBy(Request request) {
        Map<String, List<String>> query = parseQuery(URI.create(request.getUrl()).getRawQuery());
        List<ObjectNode> invalid = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!USERS_BY_PARAMETERS.contains(name)) {
                invalid.add(invalidParameter(name, query.get(name),
                        "The query parameter [" + name + "] is not one of [usernames,expansions,tweet.fields,user.fields]"));
            } else if (query.get(name).size() > 1) {
                invalid.add(invalidParameter(name, query.get(name), "Duplicate parameters are not allowed: the `" + name
                        + "` query parameter"));
            }
        }
        List<String> usernames = query.containsKey("usernames") ? List.of(query.get("usernames").get(0).split(",", -1)) : List.of();
        if (!query.containsKey("usernames")) {
            invalid.add(invalidParameter("usernames", List.of(), "The `usernames` query parameter can not be empty"));
        } else if (usernames.size() > MAX_USERNAMES) {
            invalid.add(invalidParameter("usernames", query.get("usernames"), "The number of values in the `usernames` "
                    + "query parameter list [" + usernames.size() + "] is not between 1 and " + MAX_USERNAMES));
        } else {
            for (String username : usernames) {
                if (!USERNAME.matcher(username).matches()) {
                    invalid.add(invalidParameter("usernames", List.of(username), "The `usernames` query parameter value ["
                            + username + "] does not match " + USERNAME.pattern()));
                }
            }
        }
        checkValues(query, "user.fields", USER_FIELDS, invalid);
        checkValues(query, "tweet.fields", TWEET_FIELDS, invalid);
        checkValues(query, "expansions", USER_EXPANSIONS, invalid);
        List<String> userFields = query.containsKey("user.fields") ? List.of(query.get("user.fields").get(0).split(",")) : List.of();
        if (!userFields.contains("public_metrics")) {
            invalid.add(invalidParameter("user.fields", query.getOrDefault("user.fields", List.of()),
                    "This fake requires `user.fields` to include public_metrics (X would answer without the metrics)"));
        }
        if (!invalid.isEmpty()) {
            return invalidRequest(invalid, usersByWindow);
        }

        ArrayNode data = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        for (String username : usernames) {
            Account account = accounts.get(username.toLowerCase(Locale.ROOT));
            if (account == null) {
                errors.add(userProblem(username, "Not Found Error", "Could not find user with usernames: [" + username + "]."));
            } else if (account.suspended) {
                errors.add(userProblem(username, "Forbidden", "User has been suspended: [" + username + "]."));
            } else {
                data.add(user(account));
            }
        }
        ObjectNode body = JSON.createObjectNode();
        if (!data.isEmpty()) {
            body.set("data", data);
        }
        if (!errors.isEmpty()) {
            body.set("errors", errors);
        }
        return Answer.of(200, usersByWindow.headers(), body);
    }

    private Answer invalidRequest(List<ObjectNode> invalid, Window window) {
        invalid.forEach(error -> problems.add(error.path("message").asText()));
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addAll(invalid);
        body.put("title", "Invalid Request");
        body.put("detail", "One or more parameters to your request was invalid.");
        body.put("type", "https://api.twitter.com/2/problems/invalid-request");
        return Answer.of(400, window.headers(), body);
    }

    private Answer timeline(Request request, String id) {
        Map<String, List<String>> query = parseQuery(URI.create(request.getUrl()).getRawQuery());
        List<ObjectNode> invalid = new ArrayList<>();
        if (!USER_ID.matcher(id).matches()) {
            invalid.add(invalidParameter("id", List.of(id), "The `id` query parameter value [" + id
                    + "] does not match " + USER_ID.pattern()));
        }
        for (String name : query.keySet()) {
            if (!TIMELINE_PARAMETERS.contains(name)) {
                invalid.add(invalidParameter(name, query.get(name), "The query parameter [" + name + "] is not one of "
                        + new java.util.TreeSet<>(TIMELINE_PARAMETERS)));
            } else if (!TIMELINE_PARAMETERS_IMPLEMENTED.contains(name)) {
                invalid.add(invalidParameter(name, query.get(name), "This fake does not implement the `" + name
                        + "` query parameter (X would apply it)"));
            } else if (query.get(name).size() > 1) {
                invalid.add(invalidParameter(name, query.get(name), "Duplicate parameters are not allowed: the `" + name
                        + "` query parameter"));
            }
        }
        Instant start = time(query, "start_time", invalid);
        Instant end = time(query, "end_time", invalid);
        if (start != null && end != null && !start.isBefore(end)) {
            invalid.add(invalidParameter("start_time", query.get("start_time"), "Invalid 'start_time':'"
                    + query.get("start_time").get(0) + "'. 'start_time' must be before 'end_time'"));
        }
        String maxValue = query.containsKey("max_results") ? query.get("max_results").get(0) : "10";
        int max = maxValue.matches("\\d{1,3}") ? Integer.parseInt(maxValue) : -1;
        if (max < MIN_RESULTS || max > MAX_RESULTS) {
            invalid.add(invalidParameter("max_results", List.of(maxValue), "The `max_results` query parameter value ["
                    + maxValue + "] is not between " + MIN_RESULTS + " and " + MAX_RESULTS));
        }
        checkValues(query, "tweet.fields", TWEET_FIELDS, invalid);
        List<String> fields = query.containsKey("tweet.fields") ? List.of(query.get("tweet.fields").get(0).split(",")) : List.of();
        if (!fields.contains("created_at")) {
            invalid.add(invalidParameter("tweet.fields", query.getOrDefault("tweet.fields", List.of()),
                    "This fake requires `tweet.fields` to include created_at (X would answer without it)"));
        }
        String scope = id + "|" + start + "|" + end + "|" + max;
        int offset = 0;
        if (query.containsKey("pagination_token")) {
            String issued = issuedTokens.get(query.get("pagination_token").get(0));
            if (issued == null || !issued.startsWith(scope + "|")) {
                invalid.add(invalidParameter("pagination_token", query.get("pagination_token"),
                        "The `pagination_token` query parameter value is not one X issued for this request"));
            } else {
                offset = Integer.parseInt(issued.substring(issued.lastIndexOf('|') + 1));
            }
        }
        if (!invalid.isEmpty()) {
            return invalidRequest(invalid, timelineWindow);
        }

        Account account = accountsById.get(id);
        if (account == null) {
            return Answer.of(200, timelineWindow.headers(), onlyErrors(userProblem("id", id, "Not Found Error",
                    "Could not find user with id: [" + id + "].")));
        }
        if (account.suspended) {
            return Answer.of(200, timelineWindow.headers(), onlyErrors(userProblem("id", id, "Forbidden",
                    "User has been suspended: [" + id + "].")));
        }
        if (account.timelineStatus != 0) {
            return Answer.of(account.timelineStatus, timelineWindow.headers(), problem("Service Unavailable",
                    "Service Unavailable", "about:blank", account.timelineStatus));
        }
        Instant from = start;
        Instant to = end;
        List<Post> posts = account.timeline.stream()
                .filter(p -> !p.createdAt().isBefore(from) && p.createdAt().isBefore(to))
                .sorted(Comparator.comparing(Post::createdAt).thenComparing(Post::chronologically).reversed())
                .toList();
        List<Post> page = posts.subList(Math.min(offset, posts.size()), Math.min(offset + max, posts.size()));
        ObjectNode body = JSON.createObjectNode();
        ObjectNode meta = JSON.createObjectNode();
        meta.put("result_count", page.size());
        if (!page.isEmpty()) {
            ArrayNode data = body.putArray("data");
            page.forEach(post -> data.add(withFields(post, fields)));
            meta.put("newest_id", page.get(0).id());
            meta.put("oldest_id", page.get(page.size() - 1).id());
            if (offset + max < posts.size()) {
                meta.put("next_token", issueToken(scope, offset + max));
            }
            if (offset > 0) {
                meta.put("previous_token", issueToken(scope, Math.max(0, offset - max)));
            }
        }
        body.set("meta", meta);
        return Answer.of(200, timelineWindow.headers(), body);
    }

    /** An RFC 3339 timestamp parameter, required by this fake; null (and a 400 entry) if absent or malformed. */
    private static Instant time(Map<String, List<String>> query, String name, List<ObjectNode> invalid) {
        String value = query.containsKey(name) ? query.get(name).get(0) : null;
        if (value != null && RFC3339.matcher(value).matches()) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                // falls through to the 400
            }
        }
        invalid.add(invalidParameter(name, value == null ? List.of() : List.of(value), value == null
                ? "This fake requires `" + name + "` (a backup reads one bounded day)"
                : "Invalid '" + name + "':'" + value + "'. '" + name + "' must be a valid RFC 3339 date-time"));
        return null;
    }

    /** The post as X would send it for these {@code tweet.fields}: the default fields and the requested ones. */
    private static ObjectNode withFields(Post post, List<String> fields) {
        ObjectNode node;
        try {
            node = (ObjectNode) JSON.readTree(post.json());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a registered post is not JSON: " + post.id(), e);
        }
        List<String> kept = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (DEFAULT_TWEET_FIELDS.contains(name) || fields.contains(name)) {
                kept.add(name);
            }
        });
        node.retain(kept);
        return node;
    }

    private String issueToken(String scope, int offset) {
        String token = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()), 36)
                + Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()), 36);
        issuedTokens.put(token, scope + "|" + offset);
        return token;
    }

    private static ObjectNode onlyErrors(ObjectNode error) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").add(error);
        return body;
    }


    private static ObjectNode user(Account account) {
        ObjectNode user = JSON.createObjectNode();
        user.put("id", account.id);
        user.put("name", "Name of " + account.username);
        user.put("username", account.username);
        ObjectNode metrics = user.putObject("public_metrics");
        metrics.put("followers_count", account.followers);
        metrics.put("following_count", account.following);
        metrics.put(account.postCountName, account.posts);
        metrics.put("listed_count", account.listed);
        if (account.likesSent) {
            if (account.likes == null) {
                metrics.putNull("like_count");
            } else {
                metrics.put("like_count", account.likes);
            }
        }
        if (account.media != null) {
            metrics.put("media_count", account.media);
        }
        return user;
    }

    private static ObjectNode userProblem(String username, String title, String detail) {
        return userProblem("usernames", username, title, detail);
    }

    /** X's problem for a user it cannot serve, named by {@code parameter} ({@code usernames} or {@code id}). */
    private static ObjectNode userProblem(String parameter, String value, String title, String detail) {
        ObjectNode error = JSON.createObjectNode();
        error.put("value", value);
        error.put("detail", detail);
        error.put("title", title);
        error.put("resource_type", "user");
        error.put("parameter", parameter);
        error.put("resource_id", value);
        error.put("type", "https://api.twitter.com/2/problems/resource-not-found");
        return error;
    }

    private static void checkValues(Map<String, List<String>> query, String name, Set<String> allowed, List<ObjectNode> invalid) {
        if (!query.containsKey(name)) {
            return;
        }
        String value = query.get(name).get(0);
        for (String item : value.split(",", -1)) {
            if (!allowed.contains(item)) {
                invalid.add(invalidParameter(name, List.of(item), "The `" + name + "` query parameter value [" + item
                        + "] is not one of " + new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private static ObjectNode invalidParameter(String name, List<String> values, String message) {
        ObjectNode error = JSON.createObjectNode();
        ArrayNode given = error.putObject("parameters").putArray(name);
        values.forEach(given::add);
        error.put("message", message);
        return error;
    }

    private static ObjectNode problem(String title, String detail, String type, int status) {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", title);
        body.put("detail", detail);
        body.put("type", type);
        body.put("status", status);
        return body;
    }

    private static ObjectNode tooManyRequestsBody() {
        return problem("Too Many Requests", "Too Many Requests", "about:blank", 429);
    }

    /** One endpoint's rate-limit window (X counts each endpoint separately), 15 minutes long. */
    private static final class Window {
        private int limit;
        private int remaining;
        private Instant reset = Instant.now().plus(Duration.ofMinutes(15));

        Window(int limit) {
            this.limit = limit;
            this.remaining = limit;
        }

        synchronized void set(int limit, int remaining, Instant reset) {
            this.limit = limit;
            this.remaining = remaining;
            this.reset = reset;
        }

        /** Counts one request; false when the window is used up. */
        synchronized boolean take() {
            if (Instant.now().isAfter(reset)) {
                reset = Instant.now().plus(Duration.ofMinutes(15));
                remaining = limit;
            }
            if (remaining <= 0) {
                return false;
            }
            remaining--;
            return true;
        }

        synchronized Map<String, String> headers() {
            return headers(remaining, null);
        }

        /** The headers with {@code left} remaining and {@code resetAt} (the window's own reset if null). */
        synchronized Map<String, String> headers(int left, Instant resetAt) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("x-rate-limit-limit", Integer.toString(limit));
            headers.put("x-rate-limit-remaining", Integer.toString(left));
            headers.put("x-rate-limit-reset", Long.toString((resetAt == null ? reset : resetAt).getEpochSecond()));
            return headers;
        }
    }

    private void record(Request request, Answer answer) {
        URI uri = URI.create(request.getUrl());
        Map<String, String> headers = new TreeMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key().toLowerCase(Locale.ROOT), String.join(",", header.values()));
        }
        journal.add(new RecordedRequest(request.getMethod().getName(), uri.getRawPath(), uri.getRawQuery(),
                parseQuery(uri.getRawQuery()), Collections.unmodifiableMap(headers),
                answer.fault() != null ? answer.fault().name() : Integer.toString(answer.status()), Instant.now()));
    }

    /** Query parameters, decoded as application/x-www-form-urlencoded, in order, repeated names kept. */
    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    // ---------------------------------------------------------------- authentication

    private static final Pattern OAUTH_PARAM = Pattern.compile("([A-Za-z0-9_.~%-]+)=\"([^\"]*)\"");

    /** Null when the request is authenticated as {@link #accepted}; else why not (never a secret). */
    private String checkAuthorization(Request request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return "no Authorization header";
        }
        if (accepted instanceof XCredentials.BearerToken bearer) {
            return constantTimeEquals(header, "Bearer " + bearer.token()) ? null : "wrong bearer token";
        }
        XCredentials.UserContext user = (XCredentials.UserContext) accepted;
        if (!header.startsWith("OAuth ")) {
            return "not an OAuth 1.0a header";
        }
        Map<String, String> oauth = new TreeMap<>();
        Matcher m = OAUTH_PARAM.matcher(header.substring("OAuth ".length()));
        while (m.find()) {
            oauth.put(percentDecode(m.group(1)), percentDecode(m.group(2)));
        }
        if (!user.consumerKey().equals(oauth.get("oauth_consumer_key"))
                || !user.accessToken().equals(oauth.get("oauth_token"))
                || !"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))
                || oauth.get("oauth_signature") == null || oauth.get("oauth_nonce") == null
                || oauth.get("oauth_timestamp") == null
                || (oauth.containsKey("oauth_version") && !"1.0".equals(oauth.get("oauth_version")))) {
            return "OAuth parameters do not match";
        }
        String expected = signature(request, oauth, user.consumerSecret(), user.accessTokenSecret());
        return constantTimeEquals(expected, oauth.get("oauth_signature")) ? null : "bad OAuth signature";
    }

    /** RFC 5849 section 3.4: HMAC-SHA1 over the signature base string. */
    static String signature(Request request, Map<String, String> oauth, String consumerSecret, String tokenSecret) {
        URI uri = URI.create(request.getUrl());
        String hostHeader = request.getHeader("Host");
        String host = (hostHeader != null ? hostHeader : request.getHost() + ":" + request.getPort()).toLowerCase(Locale.ROOT);
        if (host.endsWith(":80")) {
            host = host.substring(0, host.length() - 3);
        }
        String baseUri = "http://" + host + uri.getRawPath();
        List<String[]> params = new ArrayList<>();
        parseQuery(uri.getRawQuery()).forEach((name, values) ->
                values.forEach(value -> params.add(new String[] {percentEncode(name), percentEncode(value)})));
        oauth.forEach((name, value) -> {
            if (!name.equals("oauth_signature") && !name.equals("realm")) {
                params.add(new String[] {percentEncode(name), percentEncode(value)});
            }
        });
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder normalized = new StringBuilder();
        for (String[] p : params) {
            if (normalized.length() > 0) {
                normalized.append('&');
            }
            normalized.append(p[0]).append('=').append(p[1]);
        }
        String base = request.getMethod().getName().toUpperCase(Locale.ROOT) + "&" + percentEncode(baseUri) + "&"
                + percentEncode(normalized.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            String key = percentEncode(consumerSecret) + "&" + percentEncode(tokenSecret);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5849 section 3.6: everything but ALPHA, DIGIT, '-', '.', '_', '~' as %XX (upper case). */
    static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String percentDecode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
