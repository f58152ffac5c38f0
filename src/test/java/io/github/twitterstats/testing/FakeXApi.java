package io.github.twitterstats.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
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
public final class FakeXApi extends FakePeer<FakeXApi> {

    public static final int MAX_USERNAMES = 100;
    public static final int DEFAULT_RATE_LIMIT = 300;   // /2/users/by, per 15 minutes per app
    public static final int DEFAULT_TIMELINE_RATE_LIMIT = 1500;   // /2/users/:id/tweets, per 15 minutes per app
    public static final int MIN_RESULTS = 5;
    public static final int MAX_RESULTS = 100;

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
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Account> accountsById = new ConcurrentHashMap<>();
    private final Map<String, String> issuedTokens = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1_000_000_001L);
    private final Window usersByWindow = new Window(DEFAULT_RATE_LIMIT, Duration.ofMinutes(15));
    private final Window timelineWindow = new Window(DEFAULT_TIMELINE_RATE_LIMIT, Duration.ofMinutes(15));

    private FakeXApi(XCredentials accepted) {
        this.accepted = accepted;
    }

    /** Starts a fake that accepts exactly these credentials; its {@link #baseUrl()} is the value for {@code X_API_URL}. */
    public static FakeXApi start(XCredentials accepted) {
        FakeXApi fake = new FakeXApi(accepted);
        fake.startServer();
        return fake;
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


    /**
     * The next {@code times} authenticated requests answer 401 as if the credentials had been revoked
     * (queued in order with {@link FakePeer}'s other faults, which X serves to authenticated requests only).
     */
    public FakeXApi unauthorized(int times) {
        return failWith(401, times);
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

    // ---------------------------------------------------------------- journal

    /** Whether {@code request} asked for a user posts timeline ({@code /2/users/:id/tweets}). */
    public static boolean isTimeline(RecordedRequest request) {
        return TIMELINE.matcher(request.path()).matches();
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


    @Override
    protected Answer route(Request request) {
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
            return errorAnswer(401);
        }
        return served(window, endpoint);
    }

    @Override
    protected Answer tooManyRequestsAnswer(Window window, Instant reset) {
        return Answer.of(429, headers(window, 0, reset), problem("Too Many Requests", "Too Many Requests", "about:blank", 429));
    }

    @Override
    protected Answer malformedAnswer(Window window) {
        return Answer.of(200, headers(window), "{\"data\":[{\"id\":\"1\",\"username\":");
    }

    @Override
    protected Answer errorAnswer(int status) {
        return status == 401
                ? Answer.of(401, Map.of(), problem("Unauthorized", "Unauthorized", "about:blank", 401))
                : Answer.of(status, Map.of(), problem("Service Unavailable", "Service Unavailable", "about:blank", status));
    }

    /** X's rate-limit headers for {@code window} as it stands. */
    private static Map<String, String> headers(Window window) {
        return headers(window, window.remaining(), window.reset());
    }

    private static Map<String, String> headers(Window window, int remaining, Instant reset) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-rate-limit-limit", Integer.toString(window.limit()));
        headers.put("x-rate-limit-remaining", Integer.toString(remaining));
        headers.put("x-rate-limit-reset", Long.toString(reset.getEpochSecond()));
        return headers;
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
        return Answer.of(200, headers(usersByWindow), body);
    }

    private Answer invalidRequest(List<ObjectNode> invalid, Window window) {
        invalid.forEach(error -> problem(error.path("message").asText()));
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addAll(invalid);
        body.put("title", "Invalid Request");
        body.put("detail", "One or more parameters to your request was invalid.");
        body.put("type", "https://api.twitter.com/2/problems/invalid-request");
        return Answer.of(400, headers(window), body);
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
            return Answer.of(200, headers(timelineWindow), onlyErrors(userProblem("id", id, "Not Found Error",
                    "Could not find user with id: [" + id + "].")));
        }
        if (account.suspended) {
            return Answer.of(200, headers(timelineWindow), onlyErrors(userProblem("id", id, "Forbidden",
                    "User has been suspended: [" + id + "].")));
        }
        if (account.timelineStatus != 0) {
            return Answer.of(account.timelineStatus, headers(timelineWindow), problem("Service Unavailable",
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
        return Answer.of(200, headers(timelineWindow), body);
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

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
