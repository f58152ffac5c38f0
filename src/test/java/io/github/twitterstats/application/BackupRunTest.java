package io.github.twitterstats.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.BackupSummary;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.testing.InMemoryBackupPorts;
import io.github.twitterstats.testing.RecordingLog;
import io.github.twitterstats.testing.SamplePosts;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackupRunTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private final Clock clock = Clock.systemUTC();
    private final Deadline deadline = Deadline.after(Duration.ofMinutes(1), clock);
    private final InMemoryBackupPorts.Directory directory = new InMemoryBackupPorts.Directory()
            .know("jack", "12").know("biz", "13").know("quiet", "14").suspend("gone");
    private final InMemoryBackupPorts.Timelines timelines = new InMemoryBackupPorts.Timelines(100)
            .serve("12", SamplePosts.ofDay("12", DAY, 120))
            .serve("13", SamplePosts.ofDay("13", DAY, 3));
    private final InMemoryBackupPorts.Archive archive = new InMemoryBackupPorts.Archive();
    private final BackupRun run = new BackupRun(directory, new BackupDay(timelines, archive), RunLog.SILENT, clock);

    @Test
    void accountsForEveryRequestedAccount() {
        BackupSummary summary = run.run(AccountList.parse("Jack, @biz quiet gone nosuchuser bad-handle!"), DAY,
                deadline);

        assertThat(summary.accountsRequested()).isEqualTo(6);
        assertThat(summary.accountsOk()).isEqualTo(3);
        assertThat(summary.accountsFailed()).isEqualTo(3);
        assertThat(summary.failures()).extracting(f -> f.account() + ":" + f.reason().wireName())
                .containsExactlyInAnyOrder("bad-handle!:invalid_handle", "gone:suspended", "nosuchuser:not_found");
        assertThat(summary.postsStored()).isEqualTo(123);
        assertThat(summary.objectsWritten()).isEqualTo(2);
        assertThat(summary.pagesRead()).isEqualTo(2 + 1 + 1);
        assertThat(summary.xRequests()).isEqualTo(1 + 4);
        assertThat(summary.accountsWithoutPosts()).containsExactly("quiet");
        assertThat(timelines.asked).containsExactly("12", "13", "14");
    }

    @Test
    void theSummaryMapSaysWhatWasStoredAndWhatFailed() {
        Map<String, Object> map = run.run(AccountList.parse("jack quiet nosuchuser"), DAY, deadline).toMap();

        assertThat(map).containsKeys("date", "accounts_requested", "accounts_ok", "accounts_failed", "failures",
                "accounts_without_posts", "posts_stored", "pages_read", "objects_written", "x_requests", "duration_ms");
        assertThat(map.get("date")).isEqualTo("2026-03-07");
        assertThat(map.get("accounts_without_posts")).isEqualTo(List.of("quiet"));
        assertThat(map.get("failures")).isEqualTo(List.of(Map.of("account", "nosuchuser", "reason", "not_found")));
    }

    @Test
    void failsAsAPassingXOutageWhenNoAccountsPostsCouldBeRead() {
        timelines.fail("12", FailureReason.X_ERROR).fail("13", FailureReason.X_ERROR);

        assertThatThrownBy(() -> run.run(AccountList.parse("jack biz"), DAY, deadline))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service()).isEqualTo(Service.X))
                .hasMessageStartingWith("no account's posts could be read from X; first problem: ");
    }

    @Test
    void failsAsAPassingXOutageWhenEveryIdLookupFailed() {
        directory.down();

        assertThatThrownBy(() -> run.run(AccountList.parse("jack biz"), DAY, deadline))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service()).isEqualTo(Service.X))
                .hasMessage("every X request failed (1); first problem: X is down");
    }

    @Test
    void rateLimitedAccountsAreReportedNotAFailedRun() {
        timelines.fail("12", FailureReason.RATE_LIMITED);

        BackupSummary summary = run.run(AccountList.parse("jack"), DAY, deadline);

        assertThat(summary.failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(FailureReason.RATE_LIMITED));
    }

    @Test
    void theBackupIsXOnlyAndSaysWhichAccountsItSkips() {
        RecordingLog log = new RecordingLog();
        BackupRun logged = new BackupRun(directory, new BackupDay(timelines, archive), log, clock);

        BackupSummary summary = logged.run(AccountList.parse("jack nasa.bsky.social @Alice@Mastodon.Social bad-handle!"),
                DAY, deadline);

        assertThat(summary.accountsRequested()).isEqualTo(2);
        assertThat(summary.accountsOk()).isEqualTo(1);
        assertThat(summary.failures()).extracting(f -> f.account()).containsExactly("bad-handle!");
        assertThat(timelines.asked).containsExactly("12");
        assertThat(log.fieldsOf("the posts backup is X-only: skipping 2 Bluesky/Mastodon accounts").get("skipped"))
                .isEqualTo(List.of("bluesky:nasa.bsky.social", "mastodon:Alice@Mastodon.Social"));
    }

    @Test
    void aListWithoutXAccountsHasNothingToBackUp() {
        assertThatThrownBy(() -> run.run(AccountList.parse("nasa.bsky.social alice@mastodon.social"), DAY, deadline))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("X-only");
        assertThat(timelines.asked).isEmpty();
    }
}
