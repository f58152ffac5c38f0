package io.github.twitterstats.adapter.out.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.adapter.out.http.RetryingGet;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountId;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.Network;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.testing.FakeMastodonApi;
import io.github.twitterstats.testing.FakePeer.RecordedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MastodonMetricsSource through the JDK HTTP client over real HTTP, against strict fake servers,
 * one per instance; the tests cannot resolve real host names, so a resolver maps each instance to
 * its fake's loopback address.
 */
class MastodonMetricsSourceTest {

    static final Backoff FAST = new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(50));

    final Map<String, FakeMastodonApi> servers = new LinkedHashMap<>();
    final List<URI> resolved = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.values().forEach(FakeMastodonApi::close);
    }

    FakeMastodonApi server(String domain) {
        return servers.computeIfAbsent(domain, FakeMastodonApi::start);
    }

    MastodonMetricsSource.Builder homeServers() {
        return MastodonMetricsSource.homeServers(instance -> {
            FakeMastodonApi fake = servers.get(instance);
            URI base = fake == null ? URI.create("http://127.0.0.1:1") : fake.baseUrl();   // port 1: refused
            resolved.add(base);
            return base;
        }).settings(RetryingGet.Settings.defaults().withBackoff(FAST).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withRateLimitMargin(Duration.ofMillis(50)));
    }

    static Deadline in(Duration budget) {
        return Deadline.after(budget, Clock.systemUTC());
    }

    static List<AccountId.Mastodon> accounts(String entries) {
        return AccountList.parse(entries).mastodon();
    }

    @Test
    void readsEachAccountOnItsHomeServerWithOneLookup() {
        server("mastodon.social").addAccount("alice").followers(1500).following(42).statuses(777);
        server("mastodon.social").addAccount("bob");
        server("fosstodon.org").addAccount("carol");
        Instant before = Instant.now();

        MetricsLookup lookup = homeServers().build()
                .lookup(accounts("alice@mastodon.social @Carol@Fosstodon.org mastodon:bob@mastodon.social"), in(Duration.ofSeconds(20)));

        assertThat(lookup.snapshots()).extracting(s -> s.account().display())
                .containsExactly("alice@mastodon.social", "Carol@Fosstodon.org", "bob@mastodon.social");
        assertThat(lookup.snapshots().get(0).metrics()).isEqualTo(PublicMetrics.counts(1500, 42, 777));
        assertThat(lookup.snapshots().get(0).network()).isEqualTo(Network.MASTODON);
        assertThat(lookup.snapshots().get(0).observedAt()).isBetween(before, Instant.now());
        assertThat(lookup.requests()).isEqualTo(3);
        assertThat(server("mastodon.social").requests()).extracting(r -> r.param("acct")).containsExactly("alice", "bob");
        assertThat(server("fosstodon.org").requests()).extracting(r -> r.param("acct")).containsExactly("Carol");
        assertThat(server("mastodon.social").requests().get(0).path()).isEqualTo("/api/v1/accounts/lookup");
        servers.values().forEach(s -> assertThat(s.problems()).isEmpty());
    }

    @Test
    void throughOneBaseUrlAsksForUserAtInstance() {
        FakeMastodonApi proxy = server("mastodon.social");
        proxy.addAccount("alice");
        proxy.addRemoteAccount("carol", "fosstodon.org").followers(99);

        MetricsLookup lookup = MastodonMetricsSource.through(proxy.baseUrl())
                .settings(RetryingGet.Settings.defaults().withBackoff(FAST)).build()
                .lookup(accounts("alice@mastodon.social carol@fosstodon.org"), in(Duration.ofSeconds(20)));

        assertThat(lookup.snapshots()).extracting(s -> s.account().display() + "=" + s.metrics().followers())
                .containsExactly("alice@mastodon.social=3001", "carol@fosstodon.org=99");
        assertThat(proxy.requests()).extracting(r -> r.param("acct"))
                .containsExactly("alice@mastodon.social", "carol@fosstodon.org");
        assertThat(proxy.problems()).isEmpty();
    }

    @Test
    void anUnknownAccountIsNotFoundAndASuspendedOneSuspended() {
        server("mastodon.social").addAccount("banned").suspended();
        server("mastodon.social").addAccount("alive");

        MetricsLookup lookup = homeServers().build()
                .lookup(accounts("nobody@mastodon.social banned@mastodon.social alive@mastodon.social"), in(Duration.ofSeconds(20)));

        assertThat(lookup.failures()).extracting(f -> f.account() + ":" + f.reason().wireName())
                .containsExactly("nobody@mastodon.social:not_found", "banned@mastodon.social:suspended");
        assertThat(lookup.snapshots()).extracting(s -> s.account().display()).containsExactly("alive@mastodon.social");
        assertThat(lookup.requests()).isEqualTo(3);
        assertThat(lookup.failedRequests()).isZero();
    }

    @Test
    void tagsAccountsAsDatadogStoresThem() {
        server("mastodon.social").addAccount("Alice");

        MetricsLookup lookup = homeServers().build().lookup(accounts("@Alice@Mastodon.Social"), in(Duration.ofSeconds(20)));

        assertThat(lookup.snapshots()).extracting(s -> s.account().tagValue()).containsExactly("alice_mastodon.social");
    }

    @Test
    void oneServerDownFailsItsAccountsAloneAsMastodonErrors() {
        server("mastodon.social").addAccount("alice");
        server("down.example.org").addAccount("dave");
        server("down.example.org").addAccount("erin");
        server("down.example.org").failWith(503, 100);

        MetricsLookup lookup = homeServers().build()
                .lookup(accounts("alice@mastodon.social dave@down.example.org erin@down.example.org"), in(Duration.ofSeconds(20)));

        assertThat(lookup.snapshots()).extracting(s -> s.account().display()).containsExactly("alice@mastodon.social");
        assertThat(lookup.failures()).extracting(f -> f.account() + ":" + f.reason().wireName())
                .containsExactly("dave@down.example.org:mastodon_error", "erin@down.example.org:mastodon_error");
        assertThat(lookup.failures().get(0).detail()).contains("after its retries", "status 503");
        assertThat(server("down.example.org").requestCount()).isEqualTo(6);   // 3 attempts each
        assertThat(lookup.requests()).isEqualTo(7);
        assertThat(lookup.failedRequests()).isEqualTo(6);
        assertThat(lookup.everyRequestFailed()).isFalse();
    }

    @Test
    void anUnreachableServerIsAMastodonErrorAndEveryRequestFailed() {
        MetricsLookup lookup = homeServers().build().lookup(accounts("zoe@nowhere.example.net"), in(Duration.ofSeconds(20)));

        assertThat(lookup.failures()).extracting(AccountFailure::reason).containsExactly(FailureReason.MASTODON_ERROR);
        assertThat(lookup.failures().get(0).detail()).contains("ConnectException");
        assertThat(lookup.everyRequestFailed()).isTrue();
    }

    @Test
    void aServerThatRefusesTheLookupIsAMastodonErrorWithoutRetry() {
        FakeMastodonApi fake = server("private.example.org");
        fake.addAccount("alice");
        fake.failWith(401, 1);

        MetricsLookup lookup = homeServers().build().lookup(accounts("alice@private.example.org"), in(Duration.ofSeconds(20)));

        assertThat(lookup.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.MASTODON_ERROR);
            assertThat(f.detail()).contains("401");
        });
        assertThat(lookup.requests()).isEqualTo(1);
        assertThat(lookup.failedRequests()).isEqualTo(1);
        assertThat(lookup.everyRequestFailed()).isTrue();
    }

    @Test
    void retriesMalformedAnswersAndDroppedConnections() {
        FakeMastodonApi fake = server("mastodon.social");
        fake.addAccount("alice");
        fake.malformedJson(1).emptyResponses(2);   // the JDK client repeats a GET once by itself after an unanswered close

        MetricsLookup lookup = homeServers().build().lookup(accounts("alice@mastodon.social"), in(Duration.ofSeconds(20)));

        assertThat(lookup.snapshots()).hasSize(1);
        assertThat(fake.requests()).extracting(RecordedRequest::answer)
                .containsExactly("200", "EMPTY_RESPONSE", "EMPTY_RESPONSE", "200");
        assertThat(lookup.requests()).isEqualTo(3);
        assertThat(lookup.failedRequests()).isZero();
    }

    @Test
    void anAccountWithoutItsCountsIsRetriedThenAMastodonError() {
        server("mastodon.social").addAccount("bare").countsAbsent();

        MetricsLookup lookup = homeServers().build().lookup(accounts("bare@mastodon.social"), in(Duration.ofSeconds(20)));

        assertThat(lookup.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.MASTODON_ERROR);
            assertThat(f.detail()).contains("followers_count");
        });
        assertThat(lookup.requests()).isEqualTo(3);
    }

    @Test
    void waitsForTheRateLimitResetWhenItFitsTheDeadline() {
        FakeMastodonApi fake = server("mastodon.social");
        fake.addAccount("alice");
        fake.tooManyRequests(1, Instant.now().plusMillis(700));
        long start = System.nanoTime();

        MetricsLookup lookup = homeServers().build().lookup(accounts("alice@mastodon.social"), in(Duration.ofSeconds(20)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(lookup.snapshots()).hasSize(1);
        assertThat(fake.requests()).extracting(RecordedRequest::answer).containsExactly("429", "200");
    }

    @Test
    void reportsRateLimitedAccountsWhenTheResetIsPastTheDeadline() {
        FakeMastodonApi fake = server("mastodon.social");
        fake.addAccount("alice");
        fake.tooManyRequests(1, Instant.now().plusSeconds(300));

        MetricsLookup lookup = homeServers().build().lookup(accounts("alice@mastodon.social"), in(Duration.ofSeconds(5)));

        assertThat(lookup.failures()).extracting(AccountFailure::reason).containsExactly(FailureReason.RATE_LIMITED);
        assertThat(lookup.requests()).isEqualTo(1);
        assertThat(lookup.failedRequests()).isZero();
    }

    @Test
    void respectsEachServersRemainingCountBeforeItsNextRequest() {
        FakeMastodonApi busy = server("busy.example.org");
        busy.addAccount("a");
        busy.addAccount("b");
        busy.rateLimit(300, 1, Instant.now().plusSeconds(300));
        FakeMastodonApi quiet = server("quiet.example.org");
        quiet.addAccount("c");
        quiet.addAccount("d");

        MetricsLookup lookup = homeServers().build()
                .lookup(accounts("a@busy.example.org b@busy.example.org c@quiet.example.org d@quiet.example.org"),
                        in(Duration.ofSeconds(5)));

        assertThat(busy.requestCount()).isEqualTo(1);              // remaining 0 until after the deadline: b is not asked
        assertThat(busy.requests()).extracting(RecordedRequest::answer).containsExactly("200");
        assertThat(lookup.failures()).extracting(f -> f.account() + ":" + f.reason().wireName())
                .containsExactly("b@busy.example.org:rate_limited");
        assertThat(lookup.snapshots()).extracting(s -> s.account().display())
                .containsExactly("a@busy.example.org", "c@quiet.example.org", "d@quiet.example.org");
        assertThat(lookup.lowestRateLimitRemaining()).hasValue(0);
    }

    @Test
    void readsDifferentServersConcurrentlyWithinItsBound() {
        for (String domain : List.of("one.example", "two.example", "three.example", "four.example")) {
            server(domain).addAccount("u");
            server(domain).delayResponses(Duration.ofMillis(400));
        }
        String list = "u@one.example u@two.example u@three.example u@four.example";

        long start = System.nanoTime();
        MetricsLookup concurrent = homeServers().build().lookup(accounts(list), in(Duration.ofSeconds(20)));
        Duration together = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        MetricsLookup oneByOne = homeServers().maxConcurrentServers(1).build().lookup(accounts(list), in(Duration.ofSeconds(20)));
        Duration apart = Duration.ofNanos(System.nanoTime() - start);

        assertThat(concurrent.snapshots()).hasSize(4);
        assertThat(oneByOne.snapshots()).hasSize(4);
        assertThat(apart).isGreaterThanOrEqualTo(Duration.ofMillis(1600));
        assertThat(together).isLessThan(Duration.ofMillis(1200));
    }
}
