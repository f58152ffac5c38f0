package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.support.Bounded;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 *   <li>401/403 on the request: {@link CredentialsRejectedException} at once, naming the kind of
 *       credentials, never a value.</li>
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

    static final int MAX_RATE_LIMIT_WAITS = XClient.MAX_RATE_LIMIT_WAITS;

    private final XClient client;
    private final int maxConcurrentRequests;

    /** {@code maxConcurrentRequests}: enough to overlap latency, few enough to stay polite to the rate limit. */
    public XMetricsSource(XClient client, int maxConcurrentRequests) {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
        }
        this.client = Objects.requireNonNull(client, "client");
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    @Override
    public MetricsLookup lookup(List<Handle> handles, Deadline deadline) {
        List<List<Handle>> batches = UsersByResponse.batches(handles);
        XClient.Session session = client.session(deadline);
        // even one batch goes to a thread: this one would only wait, so it readies the answers' reader (its classes
        // and first read) while the requests are in flight
        List<BatchResult> results = Bounded.map(batches, maxConcurrentRequests, "x-lookup", b -> fetch(session, b),
                XJson::prepare);

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

    private record BatchResult(List<AccountSnapshot> snapshots, List<AccountFailure> failures, int failedRequests) { }

    private BatchResult fetch(XClient.Session session, List<Handle> batch) {
        XClient.Outcome<UsersByResponse.Outcome> outcome = client.get(session, UsersByResponse.PATH,
                UsersByResponse.query(batch), XClient.logContext(batch),
                (body, arrivedAt) -> UsersByResponse.parse(body).resolve(batch, arrivedAt));
        if (outcome instanceof XClient.Read<UsersByResponse.Outcome> read) {
            return new BatchResult(read.value().snapshots(), read.value().failures(), 0);
        }
        XClient.Unread<UsersByResponse.Outcome> unread = (XClient.Unread<UsersByResponse.Outcome>) outcome;
        return new BatchResult(List.of(), unread.failuresOf(batch), unread.failedAttempts());
    }
}
