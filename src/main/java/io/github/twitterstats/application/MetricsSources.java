package io.github.twitterstats.application;

import io.github.twitterstats.domain.AccountId;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.NetworkMetricsSource;
import java.util.Objects;

/**
 * Where a run reads each network's accounts: X (with its credentials), Bluesky and Mastodon (keyless). A source is
 * asked only for the accounts of its network that the list holds, so a list without X accounts never touches X.
 */
public record MetricsSources(MetricsSource x, NetworkMetricsSource<AccountId.Bluesky> bluesky,
                             NetworkMetricsSource<AccountId.Mastodon> mastodon) {

    public MetricsSources {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(bluesky, "bluesky");
        Objects.requireNonNull(mastodon, "mastodon");
    }
}
