package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GaugeNamingTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
    private final GaugeNaming naming = new GaugeNaming("twitter", List.of("env:prod"));

    @Test
    void mapsEveryCounterToTheOriginalToolsMetricNames() {
        PublicMetrics metrics = new PublicMetrics(100, 20, 3000, 7, OptionalLong.of(450), OptionalLong.of(12));

        List<Gauge> gauges = naming.gaugesOf(new AccountSnapshot(new Handle("NASA"), metrics, AT));

        assertThat(gauges).extracting(Gauge::metric, Gauge::value).containsExactly(
                tuple("twitter.followers_count", 100.0),
                tuple("twitter.friends_count", 20.0),
                tuple("twitter.status_count", 3000.0),
                tuple("twitter.favourites_count", 450.0),
                tuple("twitter.listed_count", 7.0),
                tuple("twitter.media_count", 12.0));
        assertThat(gauges).allSatisfy(g -> {
            assertThat(g.tags()).containsExactly("account:nasa", "network:x", "env:prod");
            assertThat(g.timestamp()).isEqualTo(AT);
        });
    }

    @Test
    void anAbsentCounterIsNotSentRatherThanSentAsZero() {
        PublicMetrics metrics = new PublicMetrics(1, 2, 3, 4, OptionalLong.empty(), OptionalLong.empty());

        List<Gauge> gauges = naming.gaugesOf(new AccountSnapshot(new Handle("esa"), metrics, AT));

        assertThat(gauges).extracting(Gauge::metric).containsExactly("twitter.followers_count",
                "twitter.friends_count", "twitter.status_count", "twitter.listed_count");
    }

    @Test
    void blueskyAndMastodonAccountsSendTheThreeSharedCountsTaggedWithTheirNetwork() {
        List<Gauge> bluesky = naming.gaugesOf(new AccountSnapshot(new AccountId.Bluesky("Nasa.Bsky.Social"),
                PublicMetrics.counts(10, 2, 300), AT));
        List<Gauge> mastodon = naming.gaugesOf(new AccountSnapshot(AccountId.Mastodon.parse("Alice@Mastodon.Social"),
                PublicMetrics.counts(5, 6, 7), AT));

        assertThat(bluesky).extracting(Gauge::metric, Gauge::value).containsExactly(
                tuple("twitter.followers_count", 10.0),
                tuple("twitter.friends_count", 2.0),
                tuple("twitter.status_count", 300.0));
        assertThat(bluesky).allSatisfy(g ->
                assertThat(g.tags()).containsExactly("account:nasa.bsky.social", "network:bluesky", "env:prod"));
        assertThat(mastodon).extracting(Gauge::metric).containsExactly(
                "twitter.followers_count", "twitter.friends_count", "twitter.status_count");
        assertThat(mastodon).allSatisfy(g ->
                assertThat(g.tags()).containsExactly("account:alice_mastodon.social", "network:mastodon", "env:prod"));
    }

    @Test
    void aDidIsTaggedAsItIs() {
        List<Gauge> gauges = naming.gaugesOf(new AccountSnapshot(new AccountId.Bluesky("did:plc:ewvi7nxzyoun6zhxrhs64oiz"),
                PublicMetrics.counts(1, 1, 1), AT));

        assertThat(gauges.get(0).tags()).startsWith("account:did:plc:ewvi7nxzyoun6zhxrhs64oiz", "network:bluesky");
    }

    @Test
    void runHealthGaugesCarryOnlyTheExtraTags() {
        RunHealth health = new RunHealth(4, 1, 12, 7, 2, 3, OptionalLong.of(299));

        List<Gauge> gauges = naming.runHealth(health, AT);

        assertThat(gauges).extracting(Gauge::metric, Gauge::value).containsExactly(
                tuple("twitter.run.accounts_ok", 4.0),
                tuple("twitter.run.accounts_failed", 1.0),
                tuple("twitter.run.spooled", 12.0),
                tuple("twitter.run.resent", 7.0),
                tuple("twitter.run.expired", 2.0),
                tuple("twitter.run.refused", 3.0),
                tuple("twitter.run.x_rate_limit_remaining", 299.0));
        assertThat(gauges).allSatisfy(g -> assertThat(g.tags()).containsExactly("env:prod"));
    }

    @Test
    void noRateLimitGaugeWhenXReportedNone() {
        RunHealth health = new RunHealth(1, 0, 0, 0, 0, 0, OptionalLong.empty());

        assertThat(naming.runHealth(health, AT)).extracting(Gauge::metric)
                .containsExactly("twitter.run.accounts_ok", "twitter.run.accounts_failed", "twitter.run.spooled",
                        "twitter.run.resent", "twitter.run.expired", "twitter.run.refused");
    }
}
