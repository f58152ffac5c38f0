package io.github.twitterstats.adapter.out.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.adapter.out.http.RetryingGet;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountId;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.Network;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.testing.FakeBlueskyApi;
import io.github.twitterstats.testing.FakePeer.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BlueskyMetricsSource through the JDK HTTP client over real HTTP, against the strict fake AppView. */
class BlueskyMetricsSourceTest {

    static final Backoff FAST = new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(50));

    final FakeBlueskyApi fake = FakeBlueskyApi.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    BlueskyMetricsSource.Builder source() {
        return BlueskyMetricsSource.builder(fake.baseUrl()).settings(RetryingGet.Settings.defaults().withBackoff(FAST)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).withRateLimitMargin(Duration.ofMillis(50)));
    }

    static Deadline in(Duration budget) {
        return Deadline.after(budget, Clock.systemUTC());
    }

    static List<AccountId.Bluesky> accounts(List<String> entries) {
        return AccountList.parse(String.join(" ", entries)).bluesky();
    }

    MetricsLookup lookup(List<String> entries) {
        return source().build().lookup(accounts(entries), in(Duration.ofSeconds(20)));
    }

    @Test
    void readsTheThreeCountsOfEveryAccountStampedWithTheAnswersArrival() {
        fake.addAccount("nasa.bsky.social").followers(1_200_000).follows(150).posts(9_876);
        Instant before = Instant.now();

        MetricsLookup lookup = lookup(List.of("nasa.bsky.social"));

        assertThat(lookup.snapshots()).hasSize(1);
        AccountSnapshot snapshot = lookup.snapshots().get(0);
        assertThat(snapshot.account()).isEqualTo(new AccountId.Bluesky("nasa.bsky.social"));
        assertThat(snapshot.network()).isEqualTo(Network.BLUESKY);
        assertThat(snapshot.metrics()).isEqualTo(PublicMetrics.counts(1_200_000, 150, 9_876));
        assertThat(snapshot.observedAt()).isBetween(before, Instant.now());
        assertThat(lookup.failures()).isEmpty();
        assertThat(lookup.requests()).isEqualTo(1);
        assertThat(fake.requests().get(0).params("actors")).containsExactly("nasa.bsky.social");
        assertThat(fake.problems()).isEmpty();
    }

    @Test
    void asksForAtMostTwentyFiveActorsARequest() {
        List<String> handles = fake.addAccounts("space", 51);

        assertThat(lookup(handles.subList(0, 25)).requests()).isEqualTo(1);
        assertThat(lookup(handles.subList(0, 26)).requests()).isEqualTo(2);
        assertThat(lookup(handles.subList(0, 50)).requests()).isEqualTo(2);
        fake.clearJournal();
        MetricsLookup all = lookup(handles);

        assertThat(all.requests()).isEqualTo(3);
        assertThat(all.snapshots()).hasSize(51);
        assertThat(fake.requests()).extracting(r -> r.params("actors").size()).containsExactlyInAnyOrder(25, 25, 1);
        assertThat(fake.requests().stream().flatMap(r -> r.params("actors").stream()).toList())
                .containsExactlyInAnyOrderElementsOf(handles);
        assertThat(fake.problems()).isEmpty();
    }

    @Test
    void readsDidsAndHandlesInAnyCaseAndReportsActorsLeftOutAsNotFound() {
        FakeBlueskyApi.Profile esa = fake.addAccount("esa.int").followers(5);
        fake.addAccount("nasa.bsky.social").followers(7);
        fake.addAccount("gone.bsky.social").takenDown();

        MetricsLookup lookup = lookup(List.of("NASA.Bsky.Social", esa.did(), "nobody.bsky.social", "gone.bsky.social",
                "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa"));

        assertThat(lookup.snapshots()).extracting(s -> s.account().display() + "=" + s.metrics().followers())
                .containsExactly("NASA.Bsky.Social=7", esa.did() + "=5");
        assertThat(lookup.failures()).extracting(f -> f.account() + ":" + f.reason().wireName()).containsExactly(
                "nobody.bsky.social:not_found", "gone.bsky.social:not_found", "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa:not_found");
        assertThat(lookup.requests()).isEqualTo(1);
        assertThat(lookup.failedRequests()).isZero();
    }

    @Test
    void tagsAccountsAsDatadogStoresThem() {
        FakeBlueskyApi.Profile did = fake.addAccount("did.bsky.social");
        fake.addAccount("nasa.bsky.social");

        MetricsLookup lookup = lookup(List.of("@Nasa.Bsky.Social", "bsky:" + did.did()));

        assertThat(lookup.snapshots()).extracting(s -> s.account().tagValue())
                .containsExactly("nasa.bsky.social", did.did());
    }

    @Test
    void retriesServerErrorsMalformedAnswersAndDroppedConnections() {
        fake.addAccount("a.bsky.social");
        fake.failWith(503, 1).malformedJson(1);

        MetricsLookup lookup = lookup(List.of("a.bsky.social"));

        assertThat(lookup.snapshots()).hasSize(1);
        assertThat(lookup.requests()).isEqualTo(3);
        assertThat(lookup.failedRequests()).isZero();
        assertThat(fake.requests()).extracting(RecordedRequest::answer).containsExactly("503", "200", "200");

        fake.clearJournal();
        fake.dropConnections(2);   // the JDK client repeats a GET once by itself when the connection drops unanswered
        MetricsLookup dropped = lookup(List.of("a.bsky.social"));

        assertThat(dropped.snapshots()).hasSize(1);
        assertThat(fake.requests()).extracting(RecordedRequest::answer)
                .containsExactly("CONNECTION_RESET_BY_PEER", "CONNECTION_RESET_BY_PEER", "200");
        assertThat(dropped.requests()).isEqualTo(2);   // what this client sent; the JDK's silent repeat is not seen
    }

    @Test
    void aBatchThatKeepsFailingMakesItsAccountsBlueskyErrorsAndTheOthersGoOn() {
        List<String> handles = fake.addAccounts("b", 30);
        fake.failWith(500, 3);     // FAST allows 3 attempts: the first batch asked uses them all

        MetricsLookup lookup = source().maxConcurrentRequests(1).build().lookup(accounts(handles), in(Duration.ofSeconds(20)));

        assertThat(lookup.failures()).hasSize(25)
                .allSatisfy(f -> assertThat(f.reason()).isEqualTo(FailureReason.BLUESKY_ERROR));
        assertThat(lookup.failures().get(0).detail()).contains("after its retries", "status 500");
        assertThat(lookup.snapshots()).hasSize(5);
        assertThat(lookup.requests()).isEqualTo(4);
        assertThat(lookup.failedRequests()).isEqualTo(3);
        assertThat(lookup.everyRequestFailed()).isFalse();
    }

    @Test
    void whenEveryRequestFailsTheLookupSaysSo() {
        fake.addAccount("a.bsky.social");
        fake.failWith(502, 10);

        MetricsLookup lookup = lookup(List.of("a.bsky.social"));

        assertThat(lookup.everyRequestFailed()).isTrue();
        assertThat(lookup.failures()).extracting(AccountFailure::reason).containsExactly(FailureReason.BLUESKY_ERROR);
    }

    @Test
    void aRefusedRequestIsNotRetried() {
        fake.addAccount("a.bsky.social");
        fake.failWith(400, 1);

        MetricsLookup lookup = lookup(List.of("a.bsky.social"));

        assertThat(lookup.requests()).isEqualTo(1);
        assertThat(lookup.failedRequests()).isEqualTo(1);
        assertThat(lookup.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.BLUESKY_ERROR);
            assertThat(f.detail()).contains("400", "InvalidRequest");
        });
    }

    @Test
    void waitsForTheRateLimitResetWhenItFitsTheDeadline() {
        fake.addAccount("a.bsky.social");
        fake.tooManyRequests(1, Instant.now().plusSeconds(1));
        long start = System.nanoTime();

        MetricsLookup lookup = lookup(List.of("a.bsky.social"));

        assertThat(lookup.snapshots()).hasSize(1);
        assertThat(lookup.requests()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(fake.requests()).extracting(RecordedRequest::answer).containsExactly("429", "200");
    }

    @Test
    void reportsRateLimitedAccountsWhenTheResetIsPastTheDeadline() {
        fake.addAccount("a.bsky.social");
        fake.tooManyRequests(1, Instant.now().plusSeconds(600));
        long start = System.nanoTime();

        MetricsLookup lookup = source().build().lookup(accounts(List.of("a.bsky.social")), in(Duration.ofSeconds(5)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(lookup.failures()).extracting(AccountFailure::reason).containsExactly(FailureReason.RATE_LIMITED);
        assertThat(lookup.requests()).isEqualTo(1);
        assertThat(lookup.failedRequests()).isZero();
        assertThat(lookup.everyRequestFailed()).isFalse();
    }

    @Test
    void doesNotAskAgainBeforeTheResetOnceTheWindowIsUsedUp() {
        List<String> handles = fake.addAccounts("w", 30);
        fake.rateLimit(3000, 1, Instant.now().plusSeconds(600));

        MetricsLookup lookup = source().maxConcurrentRequests(1).build().lookup(accounts(handles), in(Duration.ofSeconds(5)));

        assertThat(lookup.snapshots()).hasSize(25);
        assertThat(lookup.failures()).hasSize(5).allSatisfy(f -> assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED));
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(lookup.lowestRateLimitRemaining()).hasValue(0);
    }

    @Test
    void aSlowAnswerPastTheReadTimeoutIsRetriedThenABlueskyError() {
        fake.addAccount("a.bsky.social");
        fake.delayResponses(Duration.ofMillis(800));

        MetricsLookup lookup = BlueskyMetricsSource.builder(fake.baseUrl()).settings(RetryingGet.Settings.defaults()
                .withBackoff(new Backoff(2, Duration.ofMillis(10), Duration.ofMillis(10))).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300))).build()
                .lookup(accounts(List.of("a.bsky.social")), in(Duration.ofSeconds(10)));

        assertThat(lookup.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.BLUESKY_ERROR);
            assertThat(f.detail()).contains("timed out");
        });
        assertThat(lookup.requests()).isEqualTo(2);
    }

    @Test
    void aProfileWithoutItsCountsIsABlueskyErrorForThatAccountAlone() {
        fake.addAccount("bare.bsky.social").countsAbsent();
        fake.addAccount("full.bsky.social");

        MetricsLookup lookup = lookup(List.of("bare.bsky.social", "full.bsky.social"));

        assertThat(lookup.snapshots()).extracting(s -> s.account().display()).containsExactly("full.bsky.social");
        assertThat(lookup.failures()).extracting(f -> f.account() + ":" + f.reason().wireName())
                .containsExactly("bare.bsky.social:bluesky_error");
        assertThat(lookup.failedRequests()).isZero();
    }

    @Test
    void readsThroughABaseUrlWithAPathPrefix() {
        fake.addAccount("a.bsky.social");
        // a base URL with a trailing slash still makes the documented path
        MetricsLookup lookup = BlueskyMetricsSource.builder(java.net.URI.create(fake.baseUrl() + "/"))
                .settings(RetryingGet.Settings.defaults().withBackoff(FAST)).build()
                .lookup(accounts(List.of("a.bsky.social")), in(Duration.ofSeconds(5)));

        assertThat(lookup.snapshots()).hasSize(1);
        assertThat(fake.requests().get(0).path()).isEqualTo("/xrpc/app.bsky.actor.getProfiles");
    }
}
