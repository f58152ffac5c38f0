package io.github.twitterstats.adapter.out.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.PostFetch;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.SamplePosts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** XPostSource through XClient and real twitter4j over real HTTP, against the strict fake X API. */
class XPostSourceTest {

    private static final String TOKEN = "test-bearer-token";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private static final Backoff FAST = new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(5));
    private final Clock clock = Clock.systemUTC();
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(30), clock);
    private final List<FakeXApi> fakes = new ArrayList<>();
    private final FakeXApi x = start(new XCredentials.BearerToken(TOKEN));
    private final ResolvedAccount jack = new ResolvedAccount(new Handle("Jack"), "12");

    @AfterEach
    void stop() {
        fakes.forEach(FakeXApi::close);
    }

    private FakeXApi start(XCredentials accepted) {
        FakeXApi fake = FakeXApi.start(accepted);
        fakes.add(fake);
        return fake;
    }

    private XPostSource source(String token) {
        return source(new XCredentials.BearerToken(token), x);
    }

    private XPostSource source(XCredentials credentials, FakeXApi fake) {
        return new XPostSource(new XClient(credentials, fake.baseUrl(),
                new XClient.Tuning(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(500), FAST),
                RunLog.SILENT, clock));
    }

    private static void assertFailed(PostFetch fetch, FailureReason reason, boolean retryable, int requests) {
        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Failed.class, failed -> {
            assertThat(failed.failure().reason()).isEqualTo(reason);
            assertThat(failed.retryable()).isEqualTo(retryable);
            assertThat(failed.requests()).isEqualTo(requests);
        });
    }

    @Test
    void readsEveryPageOfTheDayAndNothingOutsideIt() {
        List<Post> day = SamplePosts.ofDay("12", DAY, 250);
        List<Post> all = new ArrayList<>(day);
        all.addAll(SamplePosts.ofDay("12", DAY.minusDays(1), 7));
        all.addAll(SamplePosts.ofDay("12", DAY.plusDays(1), 7));
        x.addAccount("jack", "12").addPosts(all);

        PostFetch fetch = source(TOKEN).postsOf(jack, DAY, deadline);

        assertThat(x.problems()).isEmpty();
        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Complete.class, complete -> {
            assertThat(complete.pages()).isEqualTo(3);
            assertThat(complete.requests()).isEqualTo(3);
            assertThat(complete.posts()).extracting(Post::id)
                    .containsExactlyInAnyOrderElementsOf(day.stream().map(Post::id).toList());
            assertThat(complete.posts()).extracting(Post::json)
                    .containsExactlyInAnyOrderElementsOf(day.stream().map(Post::json).toList());
        });
        assertThat(x.requests()).extracting(r -> r.param("pagination_token") != null)
                .containsExactly(false, true, true);
    }

    @Test
    void aDayWithoutPostsIsOneEmptyPage() {
        x.addAccount("jack", "12");

        PostFetch fetch = source(TOKEN).postsOf(jack, DAY, deadline);

        assertThat(x.problems()).isEmpty();
        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Complete.class, complete -> {
            assertThat(complete.posts()).isEmpty();
            assertThat(complete.pages()).isEqualTo(1);
        });
    }

    @Test
    void xTroubleIsRetriedThenReportedAsXError() {
        x.addAccount("jack", "12").addPosts(SamplePosts.ofDay("12", DAY, 3)).timelineFailsWith(503);

        PostFetch fetch = source(TOKEN).postsOf(jack, DAY, deadline);

        assertFailed(fetch, FailureReason.X_ERROR, true, 3);
    }

    @Test
    void anAccountGoneSinceItsIdWasResolvedIsNotFound() {
        PostFetch fetch = source(TOKEN).postsOf(new ResolvedAccount(new Handle("gone"), "99"), DAY, deadline);

        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Failed.class,
                failed -> assertThat(failed.failure().reason()).isEqualTo(FailureReason.NOT_FOUND));
    }

    @Test
    void anAccountSuspendedSinceItsIdWasResolvedIsSuspendedAndNotRetryable() {
        x.addAccount("jack", "12").postsOn(DAY, 3).suspended();

        PostFetch fetch = source(TOKEN).postsOf(jack, DAY, deadline);

        assertFailed(fetch, FailureReason.SUSPENDED, false, 1);
    }

    @Test
    void rejectedCredentialsStopTheRunNamingTheServiceAndNoValue() {
        x.addAccount("jack", "12");

        assertThatThrownBy(() -> source("wrong-token").postsOf(jack, DAY, deadline))
                .isInstanceOfSatisfying(CredentialsRejectedException.class,
                        e -> assertThat(e.service()).isEqualTo(Service.X))
                .hasMessageContaining("the bearer token")
                .hasMessageNotContaining("wrong-token");
    }

    @Test
    void oauth1UserContextPagesAreSignedOverTheirQueryAndAccepted() {
        FakeXApi oauth = start(new XCredentials.UserContext("ck", "cs-secret", "at", "ats-secret"));
        oauth.addAccount("jack", "12").postsOn(DAY, 150);

        PostFetch fetch = source(new XCredentials.UserContext("ck", "cs-secret", "at", "ats-secret"), oauth)
                .postsOf(jack, DAY, deadline);

        assertThat(oauth.problems()).isEmpty();
        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Complete.class,
                complete -> assertThat(complete.posts()).hasSize(150));
        assertThat(oauth.requests()).extracting(FakeXApi.RecordedRequest::answer).containsExactly("200", "200");
        assertThat(oauth.requests().get(1).header("authorization")).startsWith("OAuth ");
    }

    @Test
    void aWronglySignedOauth1RequestIsRejectedNamingTheCredentialKindAndNoValue() {
        FakeXApi oauth = start(new XCredentials.UserContext("ck", "cs-secret", "at", "ats-secret"));
        oauth.addAccount("jack", "12");

        assertThatThrownBy(() -> source(new XCredentials.UserContext("ck", "forged-secret", "at", "ats-secret"), oauth)
                .postsOf(jack, DAY, deadline))
                .isInstanceOfSatisfying(CredentialsRejectedException.class,
                        e -> assertThat(e.service()).isEqualTo(Service.X))
                .hasMessageContaining("the OAuth 1.0a user-context credentials")
                .hasMessageNotContaining("forged-secret");
    }

    @Test
    void a429WhoseResetFitsTheDeadlineIsWaitedOutThenThePageIsRead() {
        x.addAccount("jack", "12").postsOn(DAY, 3);
        x.tooManyRequests(1, Instant.now());

        PostFetch fetch = source(TOKEN).postsOf(jack, DAY, deadline);

        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Complete.class, complete -> {
            assertThat(complete.posts()).hasSize(3);
            assertThat(complete.requests()).isEqualTo(2);
        });
    }

    @Test
    void a429WhoseResetIsPastTheDeadlineIsRateLimitedWithoutWaiting() {
        x.addAccount("jack", "12").postsOn(DAY, 3);
        x.timelineRateLimit(1500, 0, Instant.now().plusSeconds(900));
        long started = System.nanoTime();

        PostFetch fetch = source(TOKEN).postsOf(jack, DAY, Deadline.after(Duration.ofSeconds(5), clock));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertFailed(fetch, FailureReason.RATE_LIMITED, true, 1);
    }

    @Test
    void malformedBodiesAndDroppedConnectionsAreRetried() {
        x.addAccount("jack", "12").postsOn(DAY, 3);
        x.malformedJson(1).dropConnections(1);

        PostFetch fetch = source(TOKEN).postsOf(jack, DAY, deadline);

        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Complete.class,
                complete -> assertThat(complete.posts()).hasSize(3));
    }

    @Test
    void asksForTheDocumentedArchiveFields() {
        assertThat(XPostSource.TWEET_FIELDS.split(",")).contains("id", "text", "created_at", "public_metrics", "lang",
                "conversation_id", "referenced_tweets", "entities");
    }
}
