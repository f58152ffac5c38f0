package io.github.twitterstats.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.adapter.out.bluesky.BlueskyMetricsSource;
import io.github.twitterstats.adapter.out.mastodon.MastodonMetricsSource;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.testing.FakeBlueskyApi;
import io.github.twitterstats.testing.FakeMastodonApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mixed list read by the two keyless adapters, each against its strict peers: the request
 * counts the issue names (26-50 Bluesky actors cost exactly two requests; every Mastodon account
 * one lookup on its own server) and the tags DataDog will store. The X part of the list is
 * the X adapter's (one request for up to 100 handles), wired together in the integration round.
 */
class MixedNetworksLookupTest {

    @Test
    void fortyMixedAccountsCostTwoBlueskyRequestsAndOneLookupPerMastodonAccount() {
        try (FakeBlueskyApi bluesky = FakeBlueskyApi.start();
             FakeMastodonApi social = FakeMastodonApi.start("mastodon.social");
             FakeMastodonApi hachyderm = FakeMastodonApi.start("hachyderm.io")) {
            List<String> entries = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                entries.add("xuser" + i);
            }
            bluesky.addAccounts("sky", 29).forEach(entries::add);
            entries.add("bsky:" + bluesky.addAccount("agency.gov").did());
            for (int i = 1; i <= 3; i++) {
                entries.add("@" + social.addAccount("m" + i).username().toUpperCase() + "@Mastodon.Social");
            }
            for (int i = 1; i <= 2; i++) {
                entries.add("mastodon:" + hachyderm.addAccount("h" + i).username() + "@hachyderm.io");
            }
            AccountList list = AccountList.parse(String.join(", ", entries));
            assertThat(list.requested()).isEqualTo(40);
            assertThat(list.handles()).hasSize(5);
            Deadline deadline = Deadline.after(Duration.ofSeconds(30), Clock.systemUTC());

            MetricsLookup sky = BlueskyMetricsSource.builder(bluesky.baseUrl()).build().lookup(list.bluesky(), deadline);
            MetricsLookup masto = MastodonMetricsSource.homeServers(Map.of(
                    "mastodon.social", social.baseUrl(), "hachyderm.io", hachyderm.baseUrl())::get)
                    .build().lookup(list.mastodon(), deadline);

            assertThat(sky.requests()).isEqualTo(2);
            assertThat(bluesky.requestCount()).isEqualTo(2);
            assertThat(sky.snapshots()).hasSize(30);
            assertThat(masto.requests()).isEqualTo(5);
            assertThat(social.requestCount()).isEqualTo(3);
            assertThat(hachyderm.requestCount()).isEqualTo(2);
            assertThat(masto.snapshots()).extracting(s -> s.network().tagValue() + "/" + s.account().tagValue())
                    .containsExactly("mastodon/m1_mastodon.social", "mastodon/m2_mastodon.social",
                            "mastodon/m3_mastodon.social", "mastodon/h1_hachyderm.io", "mastodon/h2_hachyderm.io");
            assertThat(sky.snapshots()).extracting(AccountSnapshot::account).extracting(a -> a.tagValue())
                    .contains("sky1.bsky.social", "sky29.bsky.social", list.bluesky().get(29).actor());
            assertThat(sky.failures()).isEmpty();
            assertThat(masto.failures()).isEmpty();
            assertThat(bluesky.problems()).isEmpty();
            assertThat(social.problems()).isEmpty();
            assertThat(hachyderm.problems()).isEmpty();
        }
    }
}
