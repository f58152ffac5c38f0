package io.github.twitterstats.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.twitterstats.domain.Post;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict loopback stand-in for the two X API v2 endpoints the backup uses, shaped as docs.x.com
 * documents them:
 * <ul>
 *   <li>{@code GET /2/users/by?usernames=} (1-100 names): {@code data[]} with id and username,
 *       {@code errors[]} for unknown ("Not Found Error") and suspended ("Forbidden") names.</li>
 *   <li>{@code GET /2/users/:id/tweets}: requires {@code start_time} and {@code end_time} in RFC 3339
 *       (start before end), {@code max_results} 5..100, {@code tweet.fields} from the documented
 *       set, and a {@code pagination_token} only as issued in {@code meta.next_token}; answers
 *       newest first with {@code data[]} and {@code meta{result_count,newest_id,oldest_id,next_token}},
 *       and on an empty page no {@code data} and {@code result_count} 0.</li>
 * </ul>
 * Anything else (unknown parameter, missing or wrong bearer token, malformed value) gets a 400 or
 * 401 as X would send, so a client that drifts from the protocol fails here.
 *
 * <p>TODO(merge x-adapter): fold into the metrics adapter's FakeXApi (WireMock) once main has it.
 */
public final class FakeXTimeline implements AutoCloseable {

    @Override
    public void close() {
        server.stop(0);
    }

    public static final String TOKEN = "test-bearer-token";
    private static final Pattern RFC3339 = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");
    private static final Pattern TIMELINE = Pattern.compile("^/2/users/(\\d{1,19})/tweets$");
    private static final Set<String> TWEET_FIELDS = Set.of("article", "attachments", "author_id",
            "card_uri", "community_id", "context_annotations", "conversation_id", "created_at", "display_text_range",
            "edit_controls", "edit_history_tweet_ids", "entities", "geo", "id", "in_reply_to_user_id", "lang",
            "media_metadata", "non_public_metrics", "note_tweet", "organic_metrics", "possibly_sensitive",
            "promoted_metrics", "public_metrics", "referenced_tweets", "reply_settings", "scopes", "source",
            "suggested_source_links", "text", "withheld");
    private static final Set<String> TIMELINE_PARAMS = Set.of("start_time", "end_time", "max_results",
            "pagination_token", "tweet.fields", "since_id", "until_id", "exclude", "expansions", "media.fields",
            "place.fields", "poll.fields", "user.fields");

    private final HttpServer server;
    private final Map<String, String> ids = new ConcurrentHashMap<>();
    private final Set<String> suspended = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Post>> timelines = new ConcurrentHashMap<>();
    private final Map<String, Integer> failingWith = new ConcurrentHashMap<>();
    private final Map<String, String> issuedTokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokenSeq = new AtomicInteger();
    public final AtomicInteger usersByRequests = new AtomicInteger();
    public final AtomicInteger timelineRequests = new AtomicInteger();
    public final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

    public FakeXTimeline() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "fake-x");
            thread.setDaemon(true);      // never keeps a JVM alive after the tests or the bench
            return thread;
        }));
        server.start();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeXTimeline user(String username, String id, List<Post> posts) {
        ids.put(username.toLowerCase(), id);
        timelines.put(id, new ArrayList<>(posts));
        return this;
    }

    public FakeXTimeline suspended(String username) {
        suspended.add(username.toLowerCase());
        return this;
    }

    /** Every timeline request for this user id answers {@code status}. */
    public FakeXTimeline failTimeline(String id, int status) {
        failingWith.put(id, status);
        return this;
    }

    public int requests() {
        return usersByRequests.get() + timelineRequests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            Map<String, String> query = query(uri.getRawQuery());
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{}");
            } else if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
            } else if (uri.getPath().equals("/2/users/by")) {
                usersByRequests.incrementAndGet();
                usersBy(exchange, query);
            } else {
                Matcher m = TIMELINE.matcher(uri.getPath());
                if (m.matches()) {
                    timelineRequests.incrementAndGet();
                    timeline(exchange, m.group(1), query);
                } else {
                    send(exchange, 404, "{\"title\":\"Not Found\"}");
                }
            }
        } catch (RuntimeException e) {
            problems.add(e.toString());
            send(exchange, 500, "{}");
        }
    }

    private void usersBy(HttpExchange exchange, Map<String, String> query) throws IOException {
        String names = query.get("usernames");
        if (names == null || names.isBlank() || names.split(",").length > 100) {
            invalid(exchange, "usernames must hold 1 to 100 names");
            return;
        }
        StringBuilder data = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        for (String name : names.split(",")) {
            String id = ids.get(name.toLowerCase());
            if (suspended.contains(name.toLowerCase())) {
                append(errors, "{\"value\":\"" + name + "\",\"detail\":\"User has been suspended: [" + name
                        + "].\",\"title\":\"Forbidden\",\"resource_type\":\"user\",\"parameter\":\"usernames\","
                        + "\"resource_id\":\"" + name + "\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"}");
            } else if (id != null) {
                append(data, "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"username\":\"" + name.toLowerCase() + "\"}");
            } else {
                append(errors, "{\"value\":\"" + name + "\",\"detail\":\"Could not find user with usernames: [" + name
                        + "].\",\"title\":\"Not Found Error\",\"resource_type\":\"user\",\"parameter\":\"usernames\","
                        + "\"resource_id\":\"" + name + "\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"}");
            }
        }
        String body = "{" + (data.length() > 0 ? "\"data\":[" + data + "]" : "")
                + (data.length() > 0 && errors.length() > 0 ? "," : "")
                + (errors.length() > 0 ? "\"errors\":[" + errors + "]" : "") + "}";
        send(exchange, 200, body);
    }

    private void timeline(HttpExchange exchange, String id, Map<String, String> query) throws IOException {
        for (String name : query.keySet()) {
            if (!TIMELINE_PARAMS.contains(name)) {
                invalid(exchange, "The query parameter [" + name + "] is not one of " + TIMELINE_PARAMS);
                return;
            }
        }
        Instant start = time(query.get("start_time"));
        Instant end = time(query.get("end_time"));
        if (start == null || end == null || !start.isBefore(end)) {
            invalid(exchange, "start_time and end_time must be RFC 3339 timestamps, start before end");
            return;
        }
        int max;
        try {
            max = Integer.parseInt(query.getOrDefault("max_results", "10"));
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 5 || max > 100) {
            invalid(exchange, "The `max_results` query parameter value [" + query.get("max_results")
                    + "] is not between 5 and 100");
            return;
        }
        String fields = query.get("tweet.fields");
        if (fields == null || !TWEET_FIELDS.containsAll(List.of(fields.split(",")))) {
            invalid(exchange, "tweet.fields must be documented field names: " + fields);
            return;
        }
        if (failingWith.containsKey(id)) {
            send(exchange, failingWith.get(id), "{\"title\":\"Service Unavailable\"}");
            return;
        }
        if (!timelines.containsKey(id)) {
            send(exchange, 200, "{\"errors\":[{\"value\":\"" + id + "\",\"detail\":\"Could not find user with id: ["
                    + id + "].\",\"title\":\"Not Found Error\",\"resource_type\":\"user\",\"parameter\":\"id\","
                    + "\"resource_id\":\"" + id + "\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"}]}");
            return;
        }
        int offset = 0;
        String token = query.get("pagination_token");
        String scope = id + "|" + start + "|" + end + "|" + max;
        if (token != null) {
            String issued = issuedTokens.get(token);
            if (issued == null || !issued.startsWith(scope + "|")) {
                invalid(exchange, "pagination_token is not one X issued for this request");
                return;
            }
            offset = Integer.parseInt(issued.substring(issued.lastIndexOf('|') + 1));
        }
        List<Post> day = timelines.get(id).stream()
                .filter(p -> !p.createdAt().isBefore(start) && p.createdAt().isBefore(end))
                .sorted(Comparator.comparing(Post::createdAt).thenComparing(Post::id).reversed())
                .toList();
        List<Post> page = day.subList(Math.min(offset, day.size()), Math.min(offset + max, day.size()));
        if (page.isEmpty()) {
            send(exchange, 200, "{\"meta\":{\"result_count\":0}}");
            return;
        }
        String next = null;
        if (offset + max < day.size()) {
            next = "tok" + tokenSeq.incrementAndGet();
            issuedTokens.put(next, scope + "|" + (offset + max));
        }
        StringBuilder data = new StringBuilder();
        page.forEach(p -> append(data, p.json()));
        send(exchange, 200, "{\"data\":[" + data + "],\"meta\":{\"result_count\":" + page.size()
                + ",\"newest_id\":\"" + page.get(0).id() + "\",\"oldest_id\":\"" + page.get(page.size() - 1).id() + "\""
                + (next == null ? "" : ",\"next_token\":\"" + next + "\"") + "}}");
    }

    private static Instant time(String value) {
        if (value == null || !RFC3339.matcher(value).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void invalid(HttpExchange exchange, String message) throws IOException {
        problems.add(message);
        send(exchange, 400, "{\"errors\":[{\"parameters\":{},\"message\":\"" + message.replace("\"", "'")
                + "\"}],\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\","
                + "\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
    }

    private static void append(StringBuilder sb, String item) {
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(item);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (map.put(key, value) != null) {
                    throw new IllegalArgumentException("parameter repeated: " + key);
                }
            }
        }
        return map;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("x-rate-limit-limit", "1500");
        exchange.getResponseHeaders().set("x-rate-limit-remaining", "1499");
        exchange.getResponseHeaders().set("x-rate-limit-reset", String.valueOf(Instant.now().getEpochSecond() + 900));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
