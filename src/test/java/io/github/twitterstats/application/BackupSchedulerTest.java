package io.github.twitterstats.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.ScheduleSummary;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.testing.InMemoryBackupPorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackupSchedulerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private final Clock clock = Clock.systemUTC();
    private final InMemoryBackupPorts.Directory directory = new InMemoryBackupPorts.Directory();
    private final InMemoryBackupPorts.Queue queue = new InMemoryBackupPorts.Queue();
    private final BackupScheduler scheduler = new BackupScheduler(directory, queue, RunLog.SILENT, clock);

    @Test
    void queuesOneJobPerKnownAccountCarryingHandleIdAndDay() {
        directory.know("jack", "12").suspend("gone");

        ScheduleSummary summary = scheduler.schedule(AccountList.parse("Jack gone nosuchuser"), DAY,
                Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(queue.jobs).extracting(j -> j.handle().value() + "/" + j.account().userId() + "/" + j.day())
                .containsExactly("Jack/12/2026-03-07");
        assertThat(summary.accountsQueued()).isEqualTo(1);
        assertThat(summary.failures()).extracting(f -> f.reason().wireName()).containsExactly("suspended", "not_found");
    }

    @Test
    void resolvesIdsInBulkAndQueuesInBatches() {
        String handles = IntStream.range(0, 250).mapToObj(i -> "user" + i).collect(Collectors.joining(","));
        IntStream.range(0, 250).forEach(i -> directory.know("user" + i, String.valueOf(1000 + i)));

        ScheduleSummary summary = scheduler.schedule(AccountList.parse(handles), DAY,
                Deadline.after(Duration.ofMinutes(1), clock));

        assertThat(summary.xRequests()).isEqualTo(3);
        assertThat(summary.queueRequests()).isEqualTo(25);
        assertThat(queue.jobs).hasSize(250).extracting(BackupJob::day).containsOnly(DAY);
    }

    @Test
    void theDayIsThePreviousUtcDayWhateverTheTime() {
        assertThat(BackupScheduler.previousUtcDay(Instant.parse("2026-03-08T00:00:00Z"))).isEqualTo(DAY);
        assertThat(BackupScheduler.previousUtcDay(Instant.parse("2026-03-08T23:59:59Z"))).isEqualTo(DAY);
    }
}
