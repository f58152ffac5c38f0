package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountIds;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.port.AccountDirectory;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves handles to user ids with the metrics run's own request: {@code GET /2/users/by}, 100
 * user names a request, sent and read by the same {@link XClient} and {@link UsersByResponse}
 * (the id comes with every user). Unknown and suspended accounts come back in {@code errors[]} and
 * become the same failures as in the metrics run; 429s, retries and rejected credentials follow
 * the same policy.
 */
public final class XAccountDirectory implements AccountDirectory {

    private final XClient client;

    public XAccountDirectory(XCredentials credentials, URI baseUrl, Backoff backoff, RunLog log, Clock clock) {
        this.client = new XClient(credentials, baseUrl, backoff, log, clock);
    }

    // SHIM until redesign-core merges: the pinned constructor sharing one XClient.
    public XAccountDirectory(XClient client) {
        this.client = client;
    }

    @Override
    public AccountIds resolve(List<Handle> handles, Deadline deadline) {
        XClient.Session session = client.session(deadline);
        List<ResolvedAccount> found = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        int failedRequests = 0;
        for (List<Handle> batch : UsersByResponse.batches(handles)) {
            XClient.Outcome<UsersByResponse.Ids> outcome = client.get(session, UsersByResponse.PATH,
                    UsersByResponse.query(batch), XMetricsSource.logContext(batch),
                    (body, arrivedAt) -> UsersByResponse.parse(body).resolveIds(batch));
            if (outcome instanceof XClient.Read<UsersByResponse.Ids> read) {
                found.addAll(read.value().found());
                failures.addAll(read.value().failures());
            } else {
                XClient.Unread<UsersByResponse.Ids> unread = (XClient.Unread<UsersByResponse.Ids>) outcome;
                failures.addAll(unread.failuresOf(batch));
                failedRequests += unread.failedAttempts();
            }
        }
        return new AccountIds(found, failures, session.requests(), failedRequests);
    }
}
