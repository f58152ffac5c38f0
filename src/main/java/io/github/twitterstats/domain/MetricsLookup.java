package io.github.twitterstats.domain;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the metrics source found for a list of handles. {@code failedRequests} counts requests
 * that ended in an error after their retries (not the rate-limited ones, which are a quota state
 * reported per account); when it equals {@code requests} nothing was learned and the run fails.
 */
public record MetricsLookup(List<AccountSnapshot> snapshots, List<AccountFailure> failures,
                            int requests, int failedRequests, OptionalLong lowestRateLimitRemaining) {

    public MetricsLookup {
        snapshots = List.copyOf(snapshots);
        failures = List.copyOf(failures);
        lowestRateLimitRemaining = lowestRateLimitRemaining == null ? OptionalLong.empty() : lowestRateLimitRemaining;
    }

    public boolean everyRequestFailed() {
        return requests > 0 && failedRequests == requests;
    }
}
