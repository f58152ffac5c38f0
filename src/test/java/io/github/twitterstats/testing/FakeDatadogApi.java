package io.github.twitterstats.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A strict loopback stand-in for DataDog's HTTP API, written from DataDog's public API reference
 * ("Submit metrics", {@code POST /api/v2/series}, and the v2 OpenAPI schema MetricPayload), not
 * from what our code sends. One WireMock extension routes, validates and records every request;
 * nothing is stubbed per test case.
 *
 * <pre>{@code
 * try (FakeDatadogApi datadog = new FakeDatadogApi().start()) {
 *     datadog.failNext(1, 500);
 *     ... point the code at datadog.baseUrl() with datadog.apiKey() ...
 *     assertThat(datadog.receivedSeries()).hasSize(6);
 * }
 * }</pre>
 *
 * <p>What it checks, in DataDog's order: the route (404, 405), {@code DD-API-KEY} (403
 * {@code {"errors":["Forbidden"]}}), the body on the wire at most 512,000 bytes (413), a JSON
 * Content-Type and a Content-Encoding it can decode: none, {@code gzip} or {@code deflate} (400;
 * {@code zstd1} is documented but this fake does not decode it), the decoded body less than
 * 5,242,880 bytes (413), then the body against the v2 MetricPayload schema (400 with the list of
 * problems). An accepted payload gets 202 {@code {"errors":[]}}.
 *
 * <p>Points more than 1 hour old or more than 10 minutes ahead: the docs say they "cannot" be
 * sent, and the Historical Metrics page says values submitted over an hour late "are not
 * ingested", without a documented error. So the fake does what the intake does: 202, and the
 * points are dropped; they show in {@link #droppedSeries()}, never in {@link #receivedSeries()}.
 *
 * <p>To add another endpoint, register it in {@link #endpoints} with its own handler;
 * {@link #checkApiKey} and the journal are shared. The Dashboards API (create, get, update, list)
 * lives in {@link FakeDatadogDashboards}.
 */
public final class FakeDatadogApi implements AutoCloseable {

    public static final String DEFAULT_API_KEY = "fake-dd-api-key-0123456789abcdef0123";
    public static final String SERIES_PATH = "/api/v2/series";
    /** The only DD-APPLICATION-KEY the Dashboards API here accepts. */
    public static final String DEFAULT_APP_KEY = "fake-dd-app-key-fedcba9876543210fedcba9876543210";
    /** "The maximum payload size is 500 kilobytes (512000 bytes)": the body as sent. */
    public static final long MAX_WIRE_BYTES = 512_000;
    /** "Compressed payloads must have a decompressed size of less than 5 megabytes (5242880 bytes)". */
    public static final long DECOMPRESSED_BYTES_LIMIT = 5_242_880;
    public static final Duration MAX_POINT_AGE = Duration.ofHours(1);
    public static final Duration MAX_POINT_AHEAD = Duration.ofMinutes(10);

    /** One point of a series: POSIX seconds and a value. */
    public record Point(long timestamp, double value) { }

    /** One series as decoded from a request body. {@code type} is 0 when the body left it out. */
    public record ReceivedSeries(String metric, int type, List<Point> points, List<String> tags) {
        public ReceivedSeries {
            points = List.copyOf(points);
            tags = List.copyOf(tags);
        }
    }

    /**
     * One request as the fake saw it. {@code wireBytes} is the body as sent: its Content-Length,
     * or for a chunked body the decoded body encoded again ({@code wireBytesMeasured} false; WireMock
     * hands over gzip bodies already decoded, and the JDK's gzip is deterministic, so this is what a
     * JDK client sent). {@code decodedBytes} is the size after undoing the Content-Encoding (-1 when
     * it was not decoded).
     * {@code accepted} holds the series DataDog would ingest, {@code dropped} those with points
     * outside the accepted window. {@code fault} names an injected fault, if any.
     */
    public record ReceivedRequest(String method, String path, boolean apiKeyMatched, String contentType,
                                  String contentEncoding, long wireBytes, boolean wireBytesMeasured,
                                  long decodedBytes, int status,
                                  List<String> errors, List<ReceivedSeries> accepted,
                                  List<ReceivedSeries> dropped, String fault) {
        public ReceivedRequest {
            errors = List.copyOf(errors);
            accepted = List.copyOf(accepted);
            dropped = List.copyOf(dropped);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String apiKey;
    private final Clock clock;
    private final WireMockServer server;
    private final Map<String, Map<String, Endpoint>> endpoints = new LinkedHashMap<>();
    private final Deque<PlannedFault> faults = new ArrayDeque<>();
    private final List<ReceivedRequest> journal = new ArrayList<>();
    private volatile byte[] lastSeriesBody;
    private volatile Instant lastSeriesAt;
    private final FakeDatadogDashboards dashboards;

    public FakeDatadogApi() {
        this(DEFAULT_API_KEY, Clock.systemUTC());
    }

    /** {@code clock} decides which points are current, as DataDog's clock would. */
    public FakeDatadogApi(String apiKey, Clock clock) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        endpoints.put(SERIES_PATH, Map.of("POST", this::submitSeries));
        dashboards = new FakeDatadogDashboards(DEFAULT_APP_KEY, clock);
        endpoints.put(FakeDatadogDashboards.PATH, Map.of(
                "GET", (request, seen) -> authorised(request, dashboards::list),
                "POST", (request, seen) -> authorised(request, dashboards::create)));
        endpoints.put(FakeDatadogDashboards.PATH + "/{id}", Map.of(
                "GET", (request, seen) -> authorised(request, dashboards::get),
                "PUT", (request, seen) -> authorised(request, dashboards::update)));
        server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .disableRequestJournal() // ours is smaller: decoded series, not 5 MB bodies
                .extensions(new Intake()));
    }

    public FakeDatadogApi start() {
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500))); // always rewritten by Intake
        return this;
    }

    /** The Dashboards API's state and the requests it accepted. */
    public FakeDatadogDashboards dashboards() {
        return dashboards;
    }

    /** {@code http://127.0.0.1:<port>}, what DD_API_URL would hold. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The only DD-API-KEY this fake accepts. */
    public String apiKey() {
        return apiKey;
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- fault injection: faults apply to the next requests, in the order they were asked for ----

    /** The next {@code times} requests get {@code status} with DataDog's error body for it. */
    public synchronized FakeDatadogApi failNext(int times, int status) {
        faults.add(new PlannedFault(times, status, null, Duration.ZERO));
        return this;
    }

    /** The next {@code times} requests are handled normally; faults asked for later come after them. */
    public synchronized FakeDatadogApi passNext(int times) {
        faults.add(new PlannedFault(times, 0, null, Duration.ZERO));
        return this;
    }

    /** Every request from now on gets {@code status}, until {@link #clearFaults()}. */
    public synchronized FakeDatadogApi failAlways(int status) {
        return failNext(Integer.MAX_VALUE, status);
    }

    /** The next {@code times} requests have their connection reset without an answer. */
    public synchronized FakeDatadogApi dropNextConnections(int times) {
        faults.add(new PlannedFault(times, 0, Fault.CONNECTION_RESET_BY_PEER, Duration.ZERO));
        return this;
    }

    /**
     * The next {@code times} requests are handled as usual (and recorded, accepted series
     * included) but answered only after {@code delay}: a client that gives up first will likely
     * send the same series again.
     */
    public synchronized FakeDatadogApi delayNext(int times, Duration delay) {
        faults.add(new PlannedFault(times, 0, null, delay));
        return this;
    }

    public synchronized FakeDatadogApi clearFaults() {
        faults.clear();
        return this;
    }

    /** Forgets faults and the journal. */
    public synchronized void reset() {
        faults.clear();
        journal.clear();
    }

    // ---- the journal ----

    /** Every request received, in arrival order, faulted ones included. */
    public synchronized List<ReceivedRequest> requests() {
        return List.copyOf(journal);
    }

    /** The decoded JSON body of the last series request received, whatever its answer; null before the first. */
    public byte[] lastSeriesBody() {
        return lastSeriesBody;
    }

    /** When the last series request reached the intake (its body read); null before the first. */
    public Instant lastSeriesAt() {
        return lastSeriesAt;
    }

    public synchronized int requestCount() {
        return journal.size();
    }

    /** The series DataDog would have ingested: from 202 answers, in arrival order. */
    public synchronized List<ReceivedSeries> receivedSeries() {
        return journal.stream().filter(r -> r.status() == 202).flatMap(r -> r.accepted().stream()).toList();
    }

    /** Series accepted with 202 but dropped because a point was outside the 1-hour/10-minute window. */
    public synchronized List<ReceivedSeries> droppedSeries() {
        return journal.stream().filter(r -> r.status() == 202).flatMap(r -> r.dropped().stream()).toList();
    }

    // ---- the intake ----

    /** Answers one request to an endpoint; records what it saw in {@code seen}. */
    @FunctionalInterface
    private interface Endpoint {
        Reply handle(Request request, Seen seen);
    }

    /** What an endpoint learnt about a request, for the journal. */
    private static final class Seen {
        long wireBytes = -1;
        boolean wireBytesMeasured;
        long decodedBytes = -1;
        List<ReceivedSeries> accepted = List.of();
        List<ReceivedSeries> dropped = List.of();
    }

    /** An answer: DataDog's {@code {"errors":[...]}} body, or {@code body} when an endpoint returns data. */
    record Reply(int status, List<String> errors, Map<String, String> headers, String body) {
        Reply(int status, List<String> errors, Map<String, String> headers) {
            this(status, errors, headers, null);
        }

        static Reply of(int status, String... errors) {
            return new Reply(status, List.of(errors), Map.of());
        }

        static Reply json(int status, String body) {
            return new Reply(status, List.of(), Map.of(), body);
        }
    }

    private record PlannedFault(int times, int status, Fault fault, Duration delay) {
        PlannedFault next() {
            return times == Integer.MAX_VALUE ? this : new PlannedFault(times - 1, status, fault, delay);
        }

        String describe() {
            return fault != null ? "dropped connection"
                    : status != 0 ? "HTTP " + status
                    : !delay.isZero() ? "delay " + delay.toMillis() + " ms"
                    : null;
        }
    }

    private synchronized PlannedFault takeFault() {
        PlannedFault fault = faults.poll();
        if (fault != null && fault.times() > 1) {
            faults.addFirst(fault.next());
        }
        return fault;
    }

    private synchronized void record(ReceivedRequest request) {
        journal.add(request);
    }

    private final class Intake implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "fake-datadog-intake";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request request = event.getRequest();
            String path = URI.create(request.getUrl()).getRawPath();
            String method = request.getMethod().getName();
            Seen seen = new Seen();
            PlannedFault fault = takeFault();
            Reply reply;
            if (fault != null && fault.fault() != null) {
                record(entry(request, path, method, seen, 0, List.of(), fault));
                return ResponseDefinitionBuilder.responseDefinition().withFault(fault.fault()).build();
            } else if (fault != null && fault.status() != 0) {
                reply = Reply.of(fault.status(), documentedError(fault.status()));
            } else {
                reply = route(request, path, method, seen);
            }
            record(entry(request, path, method, seen, reply.status(), reply.errors(), fault));
            ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(reply.status())
                    .withHeader("Content-Type", "application/json")
                    .withBody(reply.body() != null ? reply.body() : errorsBody(reply.errors()));
            reply.headers().forEach(response::withHeader);
            if (fault != null && !fault.delay().isZero()) {
                response.withFixedDelay(Math.toIntExact(fault.delay().toMillis()));
            }
            return response.build();
        }
    }

    private ReceivedRequest entry(Request request, String path, String method, Seen seen, int status,
                                  List<String> errors, PlannedFault fault) {
        return new ReceivedRequest(method, path, apiKey.equals(request.getHeader("DD-API-KEY")),
                request.getHeader("Content-Type"), request.getHeader("Content-Encoding"),
                seen.wireBytes, seen.wireBytesMeasured, seen.decodedBytes, status, errors, seen.accepted, seen.dropped,
                fault == null ? null : fault.describe());
    }

    private Reply route(Request request, String path, String method, Seen seen) {
        Map<String, Endpoint> byMethod = endpoints.get(FakeDatadogDashboards.routeOf(path));
        if (byMethod == null) {
            return Reply.of(404, "Not found");
        }
        Endpoint endpoint = byMethod.get(method);
        if (endpoint == null) {
            return new Reply(405, List.of("Method Not Allowed"), Map.of("Allow", String.join(", ", byMethod.keySet())));
        }
        return endpoint.handle(request, seen);
    }

    /**
     * The Dashboards API needs both keys (DataDog: "Authentication error" as 403 otherwise); the
     * handler gets the request once both match.
     */
    private Reply authorised(Request request, java.util.function.Function<Request, Reply> handler) {
        Reply refused = checkApiKey(request);
        if (refused != null) {
            return refused;
        }
        if (!DEFAULT_APP_KEY.equals(request.getHeader("DD-APPLICATION-KEY"))) {
            return Reply.of(403, "Forbidden");
        }
        return handler.apply(request);
    }

    /** 403 unless the request carries this fake's API key (DataDog: "Authentication error"). */
    private Reply checkApiKey(Request request) {
        return apiKey.equals(request.getHeader("DD-API-KEY")) ? null : Reply.of(403, "Forbidden");
    }

    private static String documentedError(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 408 -> "Request timeout";
            case 413 -> "Payload too large";
            case 429 -> "Too many requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "HTTP " + status;
        };
    }

    private static String errorsBody(List<String> errors) {
        try {
            return JSON.writeValueAsString(Map.of("errors", errors));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- POST /api/v2/series ----

    private Reply submitSeries(Request request, Seen seen) {
        Reply refused = checkApiKey(request);
        if (refused != null) {
            return refused;
        }
        String encoding = normalisedEncoding(request.getHeader("Content-Encoding"));
        byte[] body;
        try {
            body = request.getBody(); // WireMock has already undone gzip; other encodings are ours to undo
        } catch (RuntimeException e) {
            return Reply.of(400, "Content-Encoding is gzip but the body is not valid gzip");
        }
        seen.wireBytesMeasured = request.getHeader("Content-Length") != null;
        seen.wireBytes = wireBytes(request, encoding, body);
        if (seen.wireBytes > MAX_WIRE_BYTES) {
            return Reply.of(413, "Payload too large");
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).replace(" ", "").matches("application/json(;.*)?")) {
            return Reply.of(400, "Content-Type must be application/json, was " + contentType);
        }
        byte[] decoded;
        switch (encoding) {
            case "", "gzip" -> decoded = body;
            case "deflate" -> {
                decoded = inflate(body);
                if (decoded == null) {
                    return Reply.of(400, "Content-Encoding is deflate but the body is not valid deflate data");
                }
            }
            default -> {
                return Reply.of(400, "unsupported Content-Encoding " + encoding
                        + (encoding.equals("zstd1") ? " (documented, but this fake does not decode zstd1)" : ""));
            }
        }
        seen.decodedBytes = decoded.length;
        lastSeriesBody = decoded;
        lastSeriesAt = Instant.now();
        if (decoded.length >= DECOMPRESSED_BYTES_LIMIT) {
            return Reply.of(413, "Payload too large");
        }
        List<String> problems = new ArrayList<>();
        List<ReceivedSeries> series = parsePayload(decoded, problems);
        if (!problems.isEmpty()) {
            return new Reply(400, problems.stream().limit(20).toList(), Map.of());
        }
        long now = clock.instant().getEpochSecond();
        List<ReceivedSeries> accepted = new ArrayList<>();
        List<ReceivedSeries> dropped = new ArrayList<>();
        for (ReceivedSeries s : series) {
            List<Point> current = s.points().stream().filter(p -> isCurrent(p.timestamp(), now)).toList();
            if (!current.isEmpty()) {
                accepted.add(new ReceivedSeries(s.metric(), s.type(), current, s.tags()));
            }
            if (current.size() < s.points().size()) {
                dropped.add(new ReceivedSeries(s.metric(), s.type(),
                        s.points().stream().filter(p -> !isCurrent(p.timestamp(), now)).toList(), s.tags()));
            }
        }
        seen.accepted = accepted;
        seen.dropped = dropped;
        return Reply.of(202);
    }

    private static boolean isCurrent(long timestamp, long now) {
        return timestamp >= now - MAX_POINT_AGE.toSeconds() && timestamp <= now + MAX_POINT_AHEAD.toSeconds();
    }

    private static String normalisedEncoding(String header) {
        String encoding = header == null ? "" : header.trim().toLowerCase(Locale.ROOT);
        return encoding.equals("identity") ? "" : encoding;
    }

    /**
     * The body's size as sent. WireMock hands over gzip bodies already decompressed, so the
     * Content-Length header is the witness; without one (chunked), the decoded body is gzipped
     * again at the default level, as the JDK's GZIPOutputStream does.
     */
    private static long wireBytes(Request request, String encoding, byte[] body) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return Long.parseLong(length.trim());
        }
        if (!encoding.equals("gzip")) {
            return body.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.size();
    }

    /** HTTP "deflate" is zlib (RFC 9110), though some clients send raw deflate: accept both. */
    private static byte[] inflate(byte[] body) {
        for (boolean raw : new boolean[] {false, true}) {
            try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(raw))) {
                return in.readNBytes((int) DECOMPRESSED_BYTES_LIMIT + 1);
            } catch (IOException notThisFormat) {
                // try the other
            }
        }
        return null;
    }

    /** Checks the body against the v2 MetricPayload schema; problems go to {@code problems}. */
    private static List<ReceivedSeries> parsePayload(byte[] body, List<String> problems) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add("body is not valid JSON: " + e.getOriginalMessage());
            return List.of();
        }
        if (root == null || !root.isObject()) {
            problems.add("body must be a JSON object");
            return List.of();
        }
        JsonNode seriesNode = root.get("series");
        if (seriesNode == null || !seriesNode.isArray()) {
            problems.add("series: required, an array");
            return List.of();
        }
        List<ReceivedSeries> series = new ArrayList<>();
        for (int i = 0; i < seriesNode.size(); i++) {
            ReceivedSeries s = parseSeries(seriesNode.get(i), "series[" + i + "]", problems);
            if (s != null) {
                series.add(s);
            }
        }
        return series;
    }

    private static ReceivedSeries parseSeries(JsonNode node, String at, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + ": must be an object");
            return null;
        }
        int before = problems.size();
        JsonNode metric = node.get("metric");
        if (metric == null || !metric.isTextual() || metric.asText().isEmpty()) {
            problems.add(at + ".metric: required, a non-empty string");
        }
        int type = 0;
        JsonNode typeNode = node.get("type");
        if (typeNode != null) {
            if (!typeNode.isInt() || typeNode.asInt() < 0 || typeNode.asInt() > 3) {
                problems.add(at + ".type: must be one of 0, 1, 2, 3, was " + typeNode);
            } else {
                type = typeNode.asInt();
            }
        }
        List<Point> points = new ArrayList<>();
        JsonNode pointsNode = node.get("points");
        if (pointsNode == null || !pointsNode.isArray()) {
            problems.add(at + ".points: required, an array");
        } else {
            for (int p = 0; p < pointsNode.size(); p++) {
                JsonNode point = pointsNode.get(p);
                String pat = at + ".points[" + p + "]";
                if (!point.isObject()) {
                    problems.add(pat + ": must be an object with timestamp and value");
                    continue;
                }
                JsonNode timestamp = point.get("timestamp");
                JsonNode value = point.get("value");
                if (timestamp == null || !timestamp.isIntegralNumber() || !timestamp.canConvertToLong()) {
                    problems.add(pat + ".timestamp: required, an integer (POSIX seconds), was " + timestamp);
                }
                if (value == null || !value.isNumber()) {
                    problems.add(pat + ".value: required, a number (not a string), was " + value);
                }
                if (timestamp != null && timestamp.isIntegralNumber() && timestamp.canConvertToLong()
                        && value != null && value.isNumber()) {
                    points.add(new Point(timestamp.asLong(), value.asDouble()));
                }
            }
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagsNode = node.get("tags");
        if (tagsNode != null) {
            if (!tagsNode.isArray()) {
                problems.add(at + ".tags: must be an array of strings");
            } else {
                for (JsonNode tag : tagsNode) {
                    if (!tag.isTextual()) {
                        problems.add(at + ".tags: must hold strings only, had " + tag);
                    } else {
                        tags.add(tag.asText());
                    }
                }
            }
        }
        checkOptional(node, "interval", JsonNode::isIntegralNumber, "an integer", at, problems);
        checkOptional(node, "unit", JsonNode::isTextual, "a string", at, problems);
        checkOptional(node, "source_type_name", JsonNode::isTextual, "a string", at, problems);
        checkOptional(node, "metadata", JsonNode::isObject, "an object", at, problems);
        JsonNode resources = node.get("resources");
        if (resources != null) {
            if (!resources.isArray()) {
                problems.add(at + ".resources: must be an array");
            } else {
                for (JsonNode resource : resources) {
                    if (!resource.isObject()
                            || (resource.has("name") && !resource.get("name").isTextual())
                            || (resource.has("type") && !resource.get("type").isTextual())) {
                        problems.add(at + ".resources: each must be an object with string name and type");
                    }
                }
            }
        }
        return problems.size() == before ? new ReceivedSeries(metric.asText(), type, points, tags) : null;
    }

    private static void checkOptional(JsonNode node, String field, java.util.function.Predicate<JsonNode> ok,
                                      String what, String at, List<String> problems) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !ok.test(value)) {
            problems.add(at + "." + field + ": must be " + what);
        }
    }
}
