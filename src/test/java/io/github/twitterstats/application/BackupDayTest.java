package io.github.twitterstats.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.domain.AccountBackup;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.testing.InMemoryBackupPorts;
import io.github.twitterstats.testing.SamplePosts;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BackupDayTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private final Deadline deadline = Deadline.after(Duration.ofMinutes(1), Clock.systemUTC());
    private final InMemoryBackupPorts.Timelines timelines = new InMemoryBackupPorts.Timelines(100);
    private final InMemoryBackupPorts.Archive archive = new InMemoryBackupPorts.Archive();
    private final BackupDay backupDay = new BackupDay(timelines, archive);
    private final BackupJob job = new BackupJob(new ResolvedAccount(new Handle("Jack"), "12"), DAY);

    @Test
    void storesTheWholeDayAsOneObject() {
        timelines.serve("12", SamplePosts.ofDay("12", DAY, 250));

        AccountBackup outcome = backupDay.run(job, deadline);

        assertThat(outcome).isInstanceOfSatisfying(AccountBackup.Archived.class, archived -> {
            assertThat(archived.posts()).isEqualTo(250);
            assertThat(archived.pages()).isEqualTo(3);
        });
        assertThat(archive.objects).containsOnlyKeys(
                "posts/account=jack/year=2026/month=03/day=07/jack-2026-03-07.jsonl.gz");
    }

    @Test
    void aDayWithoutPostsWritesNothing() {
        AccountBackup outcome = backupDay.run(job, deadline);

        assertThat(outcome).isInstanceOf(AccountBackup.NoPosts.class);
        assertThat(archive.writes).isZero();
    }

    @Test
    void aDayThatCouldNotBeReadWritesNothingAndMayBeRetried() {
        timelines.fail("12", FailureReason.X_ERROR);

        AccountBackup outcome = backupDay.run(job, deadline);

        assertThat(outcome).isInstanceOfSatisfying(AccountBackup.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.failure().reason()).isEqualTo(FailureReason.X_ERROR);
        });
        assertThat(archive.writes).isZero();
    }

    @Test
    void aSuspendedAccountIsNotWorthRetrying() {
        timelines.fail("12", FailureReason.SUSPENDED);

        assertThat(backupDay.run(job, deadline))
                .isInstanceOfSatisfying(AccountBackup.Failed.class, failed -> assertThat(failed.retryable()).isFalse());
    }
}
