package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads accounts' public metrics from X API v2 {@code GET /2/users/by}, at most 100 user names a
 * request, the batches fetched concurrently up to {@code maxConcurrentRequests}.
 *
 * <p>Per batch, the policy of {@link XClient#get} (one policy for every X endpoint):
 * <ul>
 *   <li>200: every handle becomes a snapshot (stamped with the moment the answer arrived) or the
 *       failure X's {@code errors[]} gives it ({@code not_found}, {@code suspended}, else
 *       {@code x_error}).</li>
 *   <li>429: wait until {@code x-rate-limit-reset} (+ a small margin) when the {@link Deadline}
 *       allows, then ask again (at most {@value #MAX_RATE_LIMIT_WAITS} waits a batch); otherwise the
 *       batch's accounts are {@code rate_limited} and the request does not count as failed.</li>
 *   <li>5xx, network errors (refused, reset, timed out) and a 200 whose body is not the documented
 *       JSON: retried with {@link Backoff} (exponential, full jitter) while the deadline allows;
 *       then the batch's accounts are {@code x_error}. Malformed JSON is retried because a body cut
 *       short or an intermediary's error page is transient far more often than X changing its format,
 *       and a retry costs one bounded request.</li>
 *   <li>401/403 on the request: {@link CredentialsRejectedException} at once, naming the variables to
 *       check, never a value.</li>
 *   <li>Other 4xx (a 400 "Invalid Request"): no retry, the batch's accounts are {@code x_error}.</li>
 * </ul>
 *
 * <p>Counting: {@link MetricsLookup#requests()} is every HTTP request sent to X, retries and
 * post-429 repeats included (what the quota and the bill see; 250 accounts with no retry are 3).
 * {@link MetricsLookup#failedRequests()} is the requests spent on batches that ended in an error, all
 * their attempts included, so it equals {@code requests} exactly when every batch failed.
 * One blind spot, measured: the JDK's HttpURLConnection under twitter4j silently sends a GET again,
 * once, when the connection drops before the answer's header; that repeat is invisible here and not
 * counted (see {@code XMetricsSourceTest.a_dropped_connection_is_retried}).
 */
public final class XMetricsSource implements MetricsSource {

    /** The documented maximum of user names in one {@code /2/users/by} request. */
    public static final int MAX_USERNAMES_PER_REQUEST = UsersByResponse.MAX_USERNAMES;
    static final int MAX_RATE_LIMIT_WAITS = XClient.MAX_RATE_LIMIT_WAITS;

    private final XClient client;
    private final int maxConcurrentRequests;

    /** With the default timeouts (connect 5 s, read 10 s) and rate-limit margin (500 ms). */
    public XMetricsSource(XCredentials credentials, URI baseUrl, Backoff backoff, RunLog log, Clock clock,
                          int maxConcurrentRequests) {
        this(builder(credentials, baseUrl).backoff(backoff).log(log).clock(clock)
                .maxConcurrentRequests(maxConcurrentRequests));
    }

    // SHIM until redesign-core merges: the pinned constructor sharing one XClient.
    public XMetricsSource(XClient client, int maxConcurrentRequests) {
        this.client = client;
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    private XMetricsSource(Builder b) {
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.client = new XClient(b.credentials, b.baseUrl, b.connectTimeout, b.readTimeout, b.rateLimitMargin,
                b.backoff, b.log, b.clock);
    }

    public static Builder builder(XCredentials credentials, URI baseUrl) {
        return new Builder(credentials, baseUrl);
    }

    @Override
    public MetricsLookup lookup(List<Handle> handles, Deadline deadline) {
        List<List<Handle>> batches = UsersByResponse.batches(handles);
        XClient.Session session = client.session(deadline);
        List<BatchResult> results = batches.size() <= 1
                ? batches.stream().map(batch -> fetch(session, batch)).toList()
                : fetchConcurrently(batches, session);

        List<AccountSnapshot> snapshots = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        int failedRequests = 0;
        for (BatchResult result : results) {
            snapshots.addAll(result.snapshots());
            failures.addAll(result.failures());
            failedRequests += result.failedRequests();
        }
        return new MetricsLookup(snapshots, failures, session.requests(), failedRequests,
                session.lowestRateLimitRemaining());
    }

    private List<BatchResult> fetchConcurrently(List<List<Handle>> batches, XClient.Session session) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(maxConcurrentRequests, batches.size()),
                daemonThreads());
        try {
            List<Future<BatchResult>> futures = new ArrayList<>();
            for (List<Handle> batch : batches) {
                futures.add(pool.submit(() -> fetch(session, batch)));
            }
            List<BatchResult> results = new ArrayList<>();
            for (Future<BatchResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;           // CredentialsRejectedException among them: the run stops at once
            }
            throw new IllegalStateException("X lookup failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading X", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private record BatchResult(List<AccountSnapshot> snapshots, List<AccountFailure> failures, int failedRequests) { }

    private BatchResult fetch(XClient.Session session, List<Handle> batch) {
        XClient.Outcome<UsersByResponse.Outcome> outcome = client.get(session, UsersByResponse.PATH,
                UsersByResponse.query(batch), logContext(batch),
                (body, arrivedAt) -> UsersByResponse.parse(body).resolve(batch, arrivedAt));
        if (outcome instanceof XClient.Read<UsersByResponse.Outcome> read) {
            return new BatchResult(read.value().snapshots(), read.value().failures(), 0);
        }
        XClient.Unread<UsersByResponse.Outcome> unread = (XClient.Unread<UsersByResponse.Outcome>) outcome;
        return new BatchResult(List.of(), unread.failuresOf(batch), unread.failedAttempts());
    }

    /** What the log events of a batch say about it: how many accounts, and the first of them. */
    static Map<String, Object> logContext(List<Handle> batch) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("accounts", batch.size());
        fields.put("first_account", batch.get(0).value());
        return fields;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "x-lookup-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Options with defaults; only the credentials and the base URL are required. */
    public static final class Builder {
        private final XCredentials credentials;
        private final URI baseUrl;
        private Backoff backoff = Backoff.DEFAULT;
        private RunLog log = RunLog.SILENT;
        private Clock clock = Clock.systemUTC();
        private int maxConcurrentRequests = 4;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration rateLimitMargin = Duration.ofMillis(500);

        private Builder(XCredentials credentials, URI baseUrl) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        public Builder log(RunLog log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder maxConcurrentRequests(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
            }
            this.maxConcurrentRequests = max;
            return this;
        }

        /** Per request: a connection that cannot be opened, or an answer that stalls, becomes a retryable error. */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = positive(connect, "connect timeout");
            this.readTimeout = positive(read, "read timeout");
            return this;
        }

        /** Added to the wait for {@code x-rate-limit-reset}, which has one-second resolution. */
        public Builder rateLimitMargin(Duration margin) {
            if (margin.isNegative()) {
                throw new IllegalArgumentException("rate limit margin must not be negative");
            }
            this.rateLimitMargin = margin;
            return this;
        }

        public XMetricsSource build() {
            return new XMetricsSource(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
