package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Reads accounts' public metrics from X API v2 {@code GET /2/users/by}, at most 100 user names a
 * request, the batches fetched concurrently up to {@code maxConcurrentRequests}.
 *
 * <p>Per batch:
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
    public static final int MAX_USERNAMES_PER_REQUEST = 100;
    static final int MAX_RATE_LIMIT_WAITS = 3;

    private final XUsersClient client;
    private final XCredentials credentials;
    private final Backoff backoff;
    private final RunLog log;
    private final Clock clock;
    private final int maxConcurrentRequests;
    private final Duration rateLimitMargin;

    /** With the default timeouts (connect 5 s, read 10 s) and rate-limit margin (500 ms). */
    public XMetricsSource(XCredentials credentials, URI baseUrl, Backoff backoff, RunLog log, Clock clock,
                          int maxConcurrentRequests) {
        this(builder(credentials, baseUrl).backoff(backoff).log(log).clock(clock)
                .maxConcurrentRequests(maxConcurrentRequests));
    }

    private XMetricsSource(Builder b) {
        this.credentials = b.credentials;
        this.backoff = b.backoff;
        this.log = b.log;
        this.clock = b.clock;
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.rateLimitMargin = b.rateLimitMargin;
        this.client = new XUsersClient(b.credentials, b.baseUrl, b.connectTimeout, b.readTimeout, b.clock);
    }

    public static Builder builder(XCredentials credentials, URI baseUrl) {
        return new Builder(credentials, baseUrl);
    }

    @Override
    public MetricsLookup lookup(List<Handle> handles, Deadline deadline) {
        List<Handle> distinct = List.copyOf(new LinkedHashSet<>(handles));
        List<List<Handle>> batches = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_USERNAMES_PER_REQUEST) {
            batches.add(distinct.subList(from, Math.min(distinct.size(), from + MAX_USERNAMES_PER_REQUEST)));
        }
        Run run = new Run(deadline);
        List<BatchResult> results = batches.size() <= 1
                ? batches.stream().map(run::fetch).toList()
                : fetchConcurrently(batches, run);

        List<AccountSnapshot> snapshots = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        int failedRequests = 0;
        for (BatchResult result : results) {
            snapshots.addAll(result.snapshots());
            failures.addAll(result.failures());
            failedRequests += result.failedRequests();
        }
        long lowest = run.lowestRemaining.get();
        return new MetricsLookup(snapshots, failures, run.requests.get(), failedRequests,
                lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest));
    }

    private List<BatchResult> fetchConcurrently(List<List<Handle>> batches, Run run) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(maxConcurrentRequests, batches.size()),
                daemonThreads());
        try {
            List<Future<BatchResult>> futures = new ArrayList<>();
            for (List<Handle> batch : batches) {
                futures.add(pool.submit(() -> run.fetch(batch)));
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

    private record BatchResult(List<AccountSnapshot> snapshots, List<AccountFailure> failures, int failedRequests) {

        static BatchResult allFailed(List<Handle> batch, FailureReason reason, String detail, int failedRequests) {
            return new BatchResult(List.of(),
                    batch.stream().map(h -> AccountFailure.of(h, reason, detail)).toList(), failedRequests);
        }
    }

    /** The state shared by the batches of one lookup. */
    private final class Run {
        final Deadline deadline;
        final AtomicInteger requests = new AtomicInteger();
        final LongAccumulator lowestRemaining = new LongAccumulator(Math::min, Long.MAX_VALUE);
        /** Set by the first batch X refuses with 401/403: the others send nothing more. */
        volatile CredentialsRejectedException rejected;

        Run(Deadline deadline) {
            this.deadline = deadline;
        }

        BatchResult fetch(List<Handle> batch) {
            int spent = 0;
            int errorAttempts = 0;
            int rateLimitWaits = 0;
            while (true) {
                if (rejected != null) {
                    throw rejected;
                }
                requests.incrementAndGet();
                spent++;
                XUsersClient.Reply reply = client.lookup(batch);
                reply.rateLimitRemaining().ifPresent(lowestRemaining::accumulate);

                String problem;
                if (reply instanceof XUsersClient.Ok ok) {
                    try {
                        UsersByResponse.Outcome outcome = UsersByResponse.parse(ok.body()).resolve(batch, ok.arrivedAt());
                        return new BatchResult(outcome.snapshots(), outcome.failures(), 0);
                    } catch (UsersByResponse.MalformedResponseException e) {
                        problem = e.getMessage();
                    }
                } else if (reply instanceof XUsersClient.HttpError error) {
                    int status = error.status();
                    if (status == 401 || status == 403) {
                        rejected = new CredentialsRejectedException(rejectionMessage(status));
                        throw rejected;
                    }
                    if (status == 429) {
                        Duration wait = waitForReset(error.rateLimitReset());
                        if (wait != null && rateLimitWaits < MAX_RATE_LIMIT_WAITS && deadline.allows(wait)) {
                            rateLimitWaits++;
                            log.event("WARN", "X rate limit reached; waiting for the reset", fields(batch, spent,
                                    "wait_ms", wait.toMillis()));
                            Backoff.sleep(wait);
                            continue;
                        }
                        String detail = wait == null
                                ? "X answered 429 without a usable x-rate-limit-reset"
                                : "X rate limit reached; its reset is " + wait.toSeconds() + " s away, beyond the time left";
                        log.event("WARN", "X rate limit reached; not waiting", fields(batch, spent,
                                "wait_ms", wait == null ? -1 : wait.toMillis()));
                        return BatchResult.allFailed(batch, FailureReason.RATE_LIMITED, detail, 0);
                    }
                    if (status < 500) {
                        String detail = "X answered HTTP " + status + " to " + client.endpoint();
                        log.event("ERROR", "X refused the request", fields(batch, spent, "status", status));
                        return BatchResult.allFailed(batch, FailureReason.X_ERROR, detail, spent);
                    }
                    problem = "X answered HTTP " + status;
                } else {
                    problem = "X request failed: " + ((XUsersClient.NetworkError) reply).description();
                }

                errorAttempts++;
                Duration delay = backoff.allowsRetryAfter(errorAttempts) ? backoff.delayAfter(errorAttempts) : null;
                if (delay == null || !deadline.allows(delay)) {
                    log.event("ERROR", "X request failed after its retries", fields(batch, spent, "problem", problem));
                    return BatchResult.allFailed(batch, FailureReason.X_ERROR,
                            problem + " (after " + errorAttempts + " attempts)", spent);
                }
                log.event("WARN", "X request failed; retrying", fields(batch, spent,
                        "problem", problem, "delay_ms", delay.toMillis()));
                Backoff.sleep(delay);
            }
        }
    }

    /** How long until {@code x-rate-limit-reset} (epoch seconds) plus the margin; null if unknown. */
    private Duration waitForReset(OptionalLong resetEpochSeconds) {
        if (resetEpochSeconds.isEmpty()) {
            return null;
        }
        Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(resetEpochSeconds.getAsLong()));
        return (untilReset.isNegative() ? Duration.ZERO : untilReset).plus(rateLimitMargin);
    }

    private String rejectionMessage(int status) {
        String check = credentials instanceof XCredentials.BearerToken
                ? "X_BEARER_TOKEN"
                : "X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET";
        String why = status == 401
                ? "X rejected the credentials (HTTP 401)"
                : "X refused access (HTTP 403): the credentials are not allowed to read users";
        return why + "; check " + check + " (or the secret named by X_CREDENTIALS_SECRET)";
    }

    private static Map<String, Object> fields(List<Handle> batch, int request, Object... more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("accounts", batch.size());
        fields.put("first_account", batch.get(0).value());
        fields.put("attempt", request);
        for (int i = 0; i + 1 < more.length; i += 2) {
            fields.put((String) more[i], more[i + 1]);
        }
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
