package io.github.twitterstats.testing;

import io.github.twitterstats.application.MetricsSources;
import io.github.twitterstats.domain.AccountId;
import io.github.twitterstats.domain.Network;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.NetworkMetricsSource;

/** The sources of a use-case test about X accounts alone: Bluesky and Mastodon fail the test if they are asked. */
public final class XOnlySources {

    private XOnlySources() {
    }

    public static MetricsSources of(MetricsSource x) {
        return new MetricsSources(x, never(Network.BLUESKY), never(Network.MASTODON));
    }

    private static <A extends AccountId> NetworkMetricsSource<A> never(Network network) {
        return new NetworkMetricsSource<>() {
            @Override
            public io.github.twitterstats.domain.MetricsLookup lookup(java.util.List<A> accounts,
                                                                      io.github.twitterstats.domain.Deadline deadline) {
                throw new AssertionError(network.tagValue() + " was asked for " + accounts + " in an X-only test");
            }
        };
    }
}
