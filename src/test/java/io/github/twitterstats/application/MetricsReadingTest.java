package io.github.twitterstats.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountId;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.Network;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.NetworkMetricsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reading a list across networks, with in-memory sources: which network is asked, how the lookups merge. */
class MetricsReadingTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final GaugeNaming naming = new GaugeNaming("twitter", List.of());
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(30), Clock.systemUTC());
    private final List<String> asked = new ArrayList<>();

    /** A source answering every account it is asked for, or failing every request when {@code down}. */
    private <A extends AccountId> NetworkMetricsSource<A> source(Network network, boolean down, CountDownLatch all) {
        return new NetworkMetricsSource<>() {
            @Override
            public MetricsLookup lookup(List<A> accounts, Deadline deadline) {
                return answer(network, new ArrayList<>(accounts), down, all);
            }
        };
    }

    private MetricsSource x(boolean down, CountDownLatch all) {
        return (handles, deadline) -> answer(Network.X,
                new ArrayList<>(handles.stream().map(AccountId.X::new).toList()), down, all);
    }

    private synchronized void record(Network network) {
        asked.add(network.tagValue());
    }

    private MetricsLookup answer(Network network, List<AccountId> accounts, boolean down, CountDownLatch all) {
        record(network);
        all.countDown();
        try {
            // every network waits for the others: the reading finishes only if they are asked together
            if (!all.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("the networks were not read concurrently");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (down) {
            return new MetricsLookup(List.of(), accounts.stream().map(a -> AccountFailure.of(a,
                    FailureReason.BLUESKY_ERROR, network.tagValue() + " down")).toList(), 2, 2, OptionalLong.empty());
        }
        return new MetricsLookup(accounts.stream().map(a -> new AccountSnapshot(a, PublicMetrics.counts(1, 2, 3), NOW))
                .toList(), List.of(), 1, 0, network == Network.X ? OptionalLong.of(42) : OptionalLong.of(7));
    }

    private MetricsReading reading(boolean xDown, boolean blueskyDown, boolean mastodonDown, int networks) {
        CountDownLatch all = new CountDownLatch(networks);
        return new MetricsReading(new MetricsSources(x(xDown, all), source(Network.BLUESKY, blueskyDown, all),
                source(Network.MASTODON, mastodonDown, all)), naming);
    }

    @Test
    void readsEveryNetworkOfTheListConcurrentlyAndMergesTheirLookups() {
        AccountList list = AccountList.parse("alice@mastodon.social nasa nasa.bsky.social bad!entry esa");

        MetricsReading.Read read = reading(false, false, false, 3).read(list, deadline);

        assertThat(asked).containsExactlyInAnyOrder("x", "bluesky", "mastodon");
        assertThat(read.snapshots()).extracting(s -> s.network().tagValue() + ":" + s.account().display())
                .containsExactly("x:nasa", "x:esa", "bluesky:nasa.bsky.social", "mastodon:alice@mastodon.social");
        assertThat(read.requests(Network.X)).isEqualTo(1);
        assertThat(read.requests(Network.BLUESKY)).isEqualTo(1);
        assertThat(read.requests(Network.MASTODON)).isEqualTo(1);
        assertThat(read.failures()).extracting(AccountFailure::account).containsExactly("bad!entry");
        assertThat(read.health(0, 0, 0, 0).xRateLimitRemaining()).hasValue(42); // X's alone
        assertThat(read.gauges()).hasSize(2 * 4 + 2 * 3); // X: followers, following, posts, listed (no likes here)
    }

    @Test
    void asksOnlyTheNetworksTheListHolds() {
        MetricsReading.Read read = reading(false, false, false, 1).read(AccountList.parse("nasa.bsky.social"), deadline);

        assertThat(asked).containsExactly("bluesky");
        assertThat(read.requests(Network.X)).isZero();
        assertThat(read.health(0, 0, 0, 0).xRateLimitRemaining()).isEmpty();
    }

    @Test
    void oneNetworkDownFailsOnlyItsAccounts() {
        MetricsReading.Read read = reading(false, true, false, 3)
                .read(AccountList.parse("nasa sky1.bsky.social sky2.bsky.social alice@mastodon.social"), deadline);

        assertThat(read.snapshots()).hasSize(2);
        assertThat(read.failures()).extracting(AccountFailure::account)
                .containsExactly("sky1.bsky.social", "sky2.bsky.social");
    }

    @Test
    void everyRequestToEveryNetworkFailedFailsTheRead() {
        assertThatThrownBy(() -> reading(true, true, true, 3)
                .read(AccountList.parse("nasa nasa.bsky.social alice@mastodon.social"), deadline))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("every request to every network failed (X 2, Bluesky 2, Mastodon 2)");
    }

    @Test
    void anXOnlyListKeepsItsMessageWhenXFailed() {
        assertThatThrownBy(() -> reading(true, false, false, 1).read(AccountList.parse("nasa esa"), deadline))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageStartingWith("every X request failed (2); first problem: x down");
    }
}
