package io.github.twitterstats.port;

import io.github.twitterstats.domain.AccountId;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.MetricsLookup;
import java.util.List;

/**
 * Where the public counts of one keyless network's accounts come from (Bluesky, Mastodon). Like
 * {@link MetricsSource}: per-account problems come back as failures in the result, nothing throws
 * for them, and waiting for a rate-limit reset happens only when it ends before {@code deadline}.
 */
public interface NetworkMetricsSource<A extends AccountId> {

    MetricsLookup lookup(List<A> accounts, Deadline deadline);
}
