package io.github.twitterstats.adapter.out.datadog;

import static io.github.twitterstats.port.RunLog.fields;

import io.github.twitterstats.port.RunLog.Level;
import com.datadog.api.client.ApiClient;
import com.datadog.api.client.ApiException;
import com.datadog.api.client.v2.api.MetricsApi;
import com.datadog.api.client.v2.api.MetricsApi.SubmitMetricsOptionalParameters;
import com.datadog.api.client.v2.model.MetricPayload;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.config.DatadogCredentials;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.IntakeWindow;
import io.github.twitterstats.domain.SendResult;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.RequestEntityProcessing;

/**
 * Sends gauges to DataDog's v2 series intake ({@code POST /api/v2/series}) through
 * datadog-api-client: gzip-compressed, in as few requests as the intake's size limits allow,
 * retrying 5xx, 408, 429 and network errors with bounded backoff.
 *
 * <p>Build one per Lambda container (or per CLI run) and reuse it: the client is built once, in the
 * constructor (~0.1 s measured), and Jersey finishes initialising lazily on the first request,
 * which is most of the ~1 s a cold first send costs. Not for concurrent use.
 */
public final class DatadogMetricsSink implements MetricsSink {

    /** Which points DataDog still ingests: the same instance the spool logic expires samples with. */
    static final IntakeWindow WINDOW = IntakeWindow.DATADOG;

    private static final int MAX_ERROR_TEXT = 500;

    /** Marks the warm-up request, which a filter answers locally: it never reaches the network. */
    private static final String WARM_UP = DatadogMetricsSink.class.getName() + ".warmUp";

    /**
     * Connect and read timeouts, so a slow DataDog cannot hang a Lambda until its own timeout. With
     * the defaults and {@link Backoff#DEFAULT}, a batch that never gets an answer gives up after
     * about 4 × 13 s plus the backoff waits.
     */
    public record Timeouts(Duration connect, Duration read) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10));

        public Timeouts {
            if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive (zero would mean forever)");
            }
        }
    }

    private final MetricsApi api;
    private final Client httpClient;
    private final SeriesBatches batches;
    private final ObjectMapper mapper;
    private final Compression compression;
    private final String apiKey;
    private final URI apiBaseUrl;
    private final Backoff backoff;
    private final RunLog log;
    private final Clock clock;
    /** Whether DataDog asked for a Content-Length (411) and bodies are buffered since. */
    private boolean buffered;
    /** The background warm-up started by {@link #warmUpInBackground()}, or null. */
    private Thread warmUp;

    /** The production sink: the system clock and {@link Timeouts#DEFAULT}. */
    // SHIM until redesign-core merges: the pinned constructor; the core's sink warms itself up.
    public DatadogMetricsSink(DatadogCredentials credentials, URI apiBaseUrl, RunLog log, Clock clock) {
        this(credentials, apiBaseUrl, Backoff.DEFAULT, log, clock, Timeouts.DEFAULT);
        warmUpInBackground();   // overlaps reading X; measured in docs/performance.md
    }

    public DatadogMetricsSink(DatadogCredentials credentials, URI apiBaseUrl, Backoff backoff, RunLog log) {
        this(credentials, apiBaseUrl, backoff, log, Clock.systemUTC(), Timeouts.DEFAULT);
    }

    public DatadogMetricsSink(DatadogCredentials credentials, URI apiBaseUrl, Backoff backoff, RunLog log,
                              Clock clock, Timeouts timeouts) {
        this(credentials, apiBaseUrl, backoff, log, clock, timeouts, Compression.GZIP);
    }

    DatadogMetricsSink(DatadogCredentials credentials, URI apiBaseUrl, Backoff backoff, RunLog log,
                       Clock clock, Timeouts timeouts, Compression compression) {
        Objects.requireNonNull(credentials, "credentials");
        this.apiBaseUrl = checkedBaseUrl(apiBaseUrl);
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.compression = Objects.requireNonNull(compression, "compression");
        this.apiKey = credentials.apiKey();

        ApiClient client = new ApiClient();
        // Index 1 is the free-form "{protocol}://{name}" server: it takes any site (index 0's list
        // lacks uk1.datadoghq.com and us2.ddog-gov.com) and a loopback fake alike.
        client.setServerIndex(1);
        client.setServerVariables(Map.of(
                "protocol", this.apiBaseUrl.getScheme(),
                "name", hostAndPath(this.apiBaseUrl)));
        client.configureApiKeys(Map.of("apiKeyAuth", apiKey)); // sent as DD-API-KEY; no app key needed
        client.setConnectTimeout(Math.toIntExact(timeouts.connect().toMillis()));
        client.setReadTimeout(Math.toIntExact(timeouts.read().toMillis()));
        // Stream the body chunked. Buffered (Jersey's default here), the JDK's HttpURLConnection
        // silently sends a POST a second time when the connection drops before the answer
        // (sun.net.http.retryPost), so a retry would go uncounted and skip the backoff.
        this.httpClient = client.getHttpClient();
        httpClient.property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.CHUNKED);
        // Left as they are on purpose: debugging (its LoggingFeature would log DD-API-KEY) and the
        // client's own retry (it knows neither 408 nor network errors, and hides request counts).
        // Answers the warm-up request locally, before any connection is opened (see warmUp()).
        httpClient.register((ClientRequestFilter) request -> {
            if (request.getProperty(WARM_UP) != null) {
                request.abortWith(Response.accepted("{\"errors\":[]}").build());
            }
        });
        this.api = new MetricsApi(client);
        this.mapper = client.getJSON().getMapper();
        this.batches = new SeriesBatches(mapper, compression);
    }

    /**
     * Does the client's one-off first-request work now, with no network: Jersey builds its runtime
     * (injection, providers, filters) on the first request, and Jackson its serialisers for the
     * series model on the first payload; measured, that is most of what a cold first send costs
     * (~0.3 s on one core). A request filter answers the warm-up request locally, so nothing is
     * sent and no key leaves the process. Safe to call at any time; failures are ignored (the real
     * request would meet them again and report them).
     */
    public void warmUp() {
        try {
            MetricPayload sample = batches.plan(List.of(new Gauge("warm.up", 0, clock.instant(), List.of("warm:up"))))
                    .get(0).payload();
            try (Response response = httpClient.target(apiBaseUrl).path("api/v2/series")
                    .request("application/json").property(WARM_UP, Boolean.TRUE)
                    .post(Entity.json(sample))) {
                response.readEntity(String.class);
            }
        } catch (RuntimeException ignored) {
            // a warm-up only saves time; the real request reports any problem
        }
    }

    /**
     * Starts {@link #warmUp()} on a daemon thread, so it overlaps what the run does before its
     * first send (reading X: a network wait); {@link #send} waits for it before its first request.
     */
    public void warmUpInBackground() {
        Thread thread = new Thread(this::warmUp, "datadog-warm-up");
        thread.setDaemon(true);
        warmUp = thread;
        thread.start();
    }

    private void awaitWarmUp() {
        Thread thread = warmUp;
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            warmUp = null;
        }
    }

    /** The API base URL of a DataDog site, e.g. {@code datadoghq.eu} → {@code https://api.datadoghq.eu}. */
    public static URI siteApiUrl(String site) {
        return URI.create("https://api." + site);
    }

    /**
     * Sends the batches in order. When one still fails after the retries (DataDog down), the rest
     * are not tried: they would only cost another round of retries each. That batch and every
     * later one come back as undelivered, in order, so the caller can keep exactly those.
     */
    @Override
    public SendResult send(List<Gauge> gauges) {
        awaitWarmUp();
        Window filtered = withinIntakeWindow(gauges);
        List<Gauge> current = filtered.kept();
        List<SeriesBatches.Planned> planned = batches.plan(current);
        int requests = 0;
        int sent = 0;
        for (int i = 0; i < planned.size(); i++) {
            SeriesBatches.Planned batch = planned.get(i);
            log.event(Level.DEBUG, "datadog series request", fields(
                    "batch", i + 1, "batches", planned.size(), "series", batch.seriesCount(),
                    "json_bytes", batch.jsonBytes(), "compressed_bytes", batch.compressedBytes()));
            Progress progress = new Progress(requests, sent, current.size());
            try {
                requests += submit(batch, progress);
            } catch (GaveUp e) {
                // batches hold consecutive gauges in order, so the undelivered ones are a suffix
                return new SendResult.Undelivered(new Delivery(requests + e.attempts, sent), filtered.expired(),
                        current.subList(sent, current.size()), e.getMessage());
            }
            sent += batch.seriesCount();
        }
        return new SendResult.Delivered(new Delivery(requests, sent), filtered.expired());
    }

    /** A batch DataDog did not take after the bounded retries: worth trying again in a later run. */
    private static final class GaveUp extends RuntimeException {
        final int attempts;

        GaveUp(String message, int attempts) {
            super(message, null, false, false);
            this.attempts = attempts;
        }
    }

    /** Requests and series accepted so far, for failure messages. */
    private record Progress(int requests, int seriesSent, int seriesTotal) {
        String accepted() {
            return seriesSent == 0 ? "" : " (" + seriesSent + " of " + seriesTotal
                    + " series had been accepted before)";
        }
    }

    /** Sends one batch until DataDog accepts it or retrying stops; returns the requests it took. */
    private int submit(SeriesBatches.Planned batch, Progress progress) {
        SubmitMetricsOptionalParameters parameters = new SubmitMetricsOptionalParameters();
        if (compression.compresses()) {
            parameters.contentEncoding(compression.contentEncoding());
        }
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String problem;
            try {
                api.submitMetrics(batch.payload(), parameters);
                return attempt;
            } catch (ApiException e) {
                int status = e.getCode();
                String text = errorText(e.getResponseBody(), e.getMessage());
                if (status == 411 && !buffered && backoff.allowsRetryAfter(attempt)) {
                    // HTTP/1.1 servers must read chunked bodies, but may ask for a length: give one
                    log.event(Level.WARN, "datadog asked for a Content-Length; sending buffered bodies from now on",
                            fields("attempt", attempt));
                    buffered = true;
                    httpClient.property(ClientProperties.REQUEST_ENTITY_PROCESSING, RequestEntityProcessing.BUFFERED);
                    continue;
                }
                if (status == 401 || status == 403) {
                    throw new CredentialsRejectedException(Service.DATADOG, "DataDog rejected the API key (HTTP " + status
                            + ": " + text + "): check DD_API_KEY (or api_key in DD_CREDENTIALS_SECRET), and"
                            + " that DD_SITE (or DD_API_URL) is the site the key belongs to; " + apiBaseUrl
                            + " was used" + progress.accepted());
                }
                problem = "HTTP " + status + ": " + text;
                if (!retryable(status)) {
                    throw new RunFailedException("DataDog refused " + batch.seriesCount() + " series at "
                            + apiBaseUrl + " (" + problem + ")" + progress.accepted());
                }
                wait = backoff.delayAfter(attempt);
                if (status == 429) {
                    wait = longest(wait, rateLimitReset(e));
                }
            } catch (ProcessingException e) {
                if (!isNetworkError(e)) {
                    throw new RunFailedException("the DataDog client failed: " + scrub(describe(e))
                            + progress.accepted());
                }
                problem = "network error: " + scrub(describe(e));
                wait = backoff.delayAfter(attempt);
            }
            if (!backoff.allowsRetryAfter(attempt)) {
                throw new GaveUp("DataDog did not accept " + batch.seriesCount() + " series at "
                        + apiBaseUrl + " after " + attempt + " attempts; last: " + problem + progress.accepted(), attempt);
            }
            log.event(Level.WARN, "datadog request failed, retrying", fields(
                    "attempt", attempt, "max_attempts", backoff.maxAttempts(), "problem", problem,
                    "wait_ms", wait.toMillis()));
            Backoff.sleep(wait);
        }
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** DataDog's rate-limit reset (seconds) when it sent one, capped so a run cannot wait long. */
    private Duration rateLimitReset(ApiException e) {
        Map<String, List<String>> headers = e.getResponseHeaders();
        if (headers == null) {
            return Duration.ZERO;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("x-ratelimit-reset".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                try {
                    long seconds = Long.parseLong(header.getValue().get(0).trim());
                    Duration reset = Duration.ofSeconds(Math.max(0, seconds));
                    return reset.compareTo(backoff.cap()) > 0 ? backoff.cap() : reset;
                } catch (NumberFormatException ignored) {
                    return Duration.ZERO;
                }
            }
        }
        return Duration.ZERO;
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Jersey wraps connection refused/reset, timeouts and early end of stream in a ProcessingException. */
    private static boolean isNetworkError(ProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /** What DataDog said: its {@code errors} list when the body is the documented shape, else the body. */
    private String errorText(String body, String fallback) {
        String text = body != null ? body : fallback;
        if (text == null || text.isBlank()) {
            return "no error text";
        }
        try {
            JsonNode node = mapper.readTree(text);
            JsonNode errors = node == null ? null : node.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                List<String> messages = new ArrayList<>();
                errors.forEach(m -> messages.add(m.isTextual() ? m.asText() : m.toString()));
                text = String.join("; ", messages);
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        text = text.strip();
        if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT) + "...";
        }
        return scrub(text);
    }

    /** Never lets the API key through, even if a server or proxy echoes it back. */
    private String scrub(String text) {
        return text == null ? null : text.replace(apiKey, "****");
    }

    /** The gauges worth sending, and how many were dropped as too old (expired). */
    private record Window(List<Gauge> kept, int expired) { }

    /**
     * Drops gauges DataDog would refuse or silently drop, and says which and why. The caller's
     * spool logic has already dropped (and counted) expired samples with the same window; only a
     * sample that expired in the moments between the two checks is counted here.
     */
    private Window withinIntakeWindow(List<Gauge> gauges) {
        Instant now = clock.instant();
        List<Gauge> kept = new ArrayList<>(gauges.size());
        Map<String, List<Gauge>> refused = new LinkedHashMap<>();
        int expired = 0;
        for (Gauge gauge : gauges) {
            String reason = WINDOW.expired(gauge, now) ? EXPIRED
                    : WINDOW.tooFarAhead(gauge, now) ? "further ahead than DataDog accepts (10 minutes)"
                    : !Double.isFinite(gauge.value()) ? "value is not a finite number"
                    : null;
            if (reason == EXPIRED) {
                expired++;
            }
            if (reason == null) {
                kept.add(gauge);
            } else {
                refused.computeIfAbsent(reason, r -> new ArrayList<>()).add(gauge);
            }
        }
        refused.forEach((reason, which) -> log.event(Level.WARN, "gauges not sent to DataDog: " + reason, fields(
                "count", which.size(), "now", now.toString(),
                "gauges", which.stream().limit(10).map(DatadogMetricsSink::describe).toList())));
        return new Window(kept, expired);
    }

    private static final String EXPIRED = "older than DataDog accepts (1 hour)";

    private static String describe(Gauge gauge) {
        return gauge.metric() + gauge.tags() + "@" + gauge.timestamp();
    }


    private static URI checkedBaseUrl(URI url) {
        Objects.requireNonNull(url, "apiBaseUrl");
        String scheme = url.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null
                || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("DataDog API base URL must look like https://host[:port][/path], not "
                    + url);
        }
        return url;
    }

    private static String hostAndPath(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return url.getRawAuthority() + path;
    }
}
