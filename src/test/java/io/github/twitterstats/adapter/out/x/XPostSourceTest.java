package io.github.twitterstats.adapter.out.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.PostFetch;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.testing.FakeXTimeline;
import io.github.twitterstats.testing.SamplePosts;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class XPostSourceTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private static final Backoff FAST = new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(5));
    private final Clock clock = Clock.systemUTC();
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(30), clock);
    private final FakeXTimeline x = new FakeXTimeline();
    private final ResolvedAccount jack = new ResolvedAccount(new Handle("Jack"), "12");

    XPostSourceTest() throws IOException {
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private XPostSource source(String token) {
        return new XPostSource(new XCredentials.BearerToken(token), x.baseUrl(), FAST, RunLog.SILENT, clock);
    }

    @Test
    void readsEveryPageOfTheDayAndNothingOutsideIt() {
        List<Post> day = SamplePosts.ofDay("12", DAY, 250);
        List<Post> all = new ArrayList<>(day);
        all.addAll(SamplePosts.ofDay("12", DAY.minusDays(1), 7));
        all.addAll(SamplePosts.ofDay("12", DAY.plusDays(1), 7));
        x.user("jack", "12", all);

        PostFetch fetch = source(FakeXTimeline.TOKEN).postsOf(jack, DAY, deadline);

        assertThat(x.problems).isEmpty();
        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Complete.class, complete -> {
            assertThat(complete.pages()).isEqualTo(3);
            assertThat(complete.requests()).isEqualTo(3);
            assertThat(complete.posts()).extracting(Post::id)
                    .containsExactlyInAnyOrderElementsOf(day.stream().map(Post::id).toList());
            assertThat(complete.posts()).extracting(Post::json)
                    .containsExactlyInAnyOrderElementsOf(day.stream().map(Post::json).toList());
        });
    }

    @Test
    void aDayWithoutPostsIsOneEmptyPage() {
        x.user("jack", "12", List.of());

        PostFetch fetch = source(FakeXTimeline.TOKEN).postsOf(jack, DAY, deadline);

        assertThat(x.problems).isEmpty();
        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Complete.class, complete -> {
            assertThat(complete.posts()).isEmpty();
            assertThat(complete.pages()).isEqualTo(1);
        });
    }

    @Test
    void xTroubleIsRetriedThenReportedAsXError() {
        x.user("jack", "12", SamplePosts.ofDay("12", DAY, 3)).failTimeline("12", 503);

        PostFetch fetch = source(FakeXTimeline.TOKEN).postsOf(jack, DAY, deadline);

        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Failed.class, failed -> {
            assertThat(failed.failure().reason()).isEqualTo(FailureReason.X_ERROR);
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.requests()).isEqualTo(3);
        });
    }

    @Test
    void anAccountGoneSinceItsIdWasResolvedIsNotFound() {
        PostFetch fetch = source(FakeXTimeline.TOKEN).postsOf(new ResolvedAccount(new Handle("gone"), "99"), DAY,
                deadline);

        assertThat(fetch).isInstanceOfSatisfying(PostFetch.Failed.class,
                failed -> assertThat(failed.failure().reason()).isEqualTo(FailureReason.NOT_FOUND));
    }

    @Test
    void rejectedCredentialsStopTheRunNamingTheVariable() {
        x.user("jack", "12", List.of());

        assertThatThrownBy(() -> source("wrong-token").postsOf(jack, DAY, deadline))
                .isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("X_BEARER_TOKEN")
                .hasMessageNotContaining("wrong-token");
    }

    @Test
    void asksForTheDocumentedArchiveFields() {
        assertThat(XPostSource.TWEET_FIELDS.split(",")).contains("id", "text", "created_at", "public_metrics", "lang",
                "conversation_id", "referenced_tweets", "entities");
    }
}
