package io.github.twitterstats.domain;

import java.util.List;

/**
 * What resolving handles to user ids found: the accounts X knows, and per-account failures
 * (unknown, suspended, rate limited, a batch that kept failing). As in {@link MetricsLookup},
 * {@code failedRequests} counts requests that ended in an error after their retries; when it
 * equals {@code requests} nothing was learned.
 */
public record AccountIds(List<ResolvedAccount> found, List<AccountFailure> failures,
                         int requests, int failedRequests) {

    public AccountIds {
        found = List.copyOf(found);
        failures = List.copyOf(failures);
    }

    public boolean everyRequestFailed() {
        return requests > 0 && failedRequests == requests;
    }
}
