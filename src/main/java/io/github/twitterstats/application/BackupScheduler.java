package io.github.twitterstats.application;

import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountIds;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.ScheduleSummary;
import io.github.twitterstats.port.AccountDirectory;
import io.github.twitterstats.port.BackupQueue;
import io.github.twitterstats.port.RunLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fan-out half of the backup: resolve the accounts' ids in bulk and queue one job per
 * account, so the reading and storing scale across as many worker invocations as needed and one
 * slow or failing account never holds up the others.
 */
public final class BackupScheduler {

    private final AccountDirectory directory;
    private final BackupQueue queue;
    private final RunLog log;
    private final Clock clock;

    public BackupScheduler(AccountDirectory directory, BackupQueue queue, RunLog log, Clock clock) {
        this.directory = Objects.requireNonNull(directory);
        this.queue = Objects.requireNonNull(queue);
        this.log = Objects.requireNonNull(log);
        this.clock = Objects.requireNonNull(clock);
    }

    public ScheduleSummary schedule(AccountList accounts, LocalDate day, Deadline deadline) {
        Objects.requireNonNull(day, "day");
        accounts = BackupRun.xAccounts(accounts, log);
        Instant started = clock.instant();
        AccountIds ids = BackupRun.resolve(directory, accounts, deadline);
        List<BackupJob> jobs = ids.found().stream().map(account -> new BackupJob(account, day)).toList();
        int queueRequests = jobs.isEmpty() ? 0 : queue.enqueue(jobs);

        List<AccountFailure> failures = new ArrayList<>(accounts.invalid());
        failures.addAll(ids.failures());
        failures.forEach(log::accountFailed);
        ScheduleSummary summary = new ScheduleSummary(day, accounts.requested(), jobs.size(), failures.size(),
                failures, ids.requests(), queueRequests, Duration.between(started, clock.instant()).toMillis());
        log.event(Level.INFO, "backup scheduled", summary.toMap());
        return summary;
    }

    /** The day a run started at {@code now} backs up: the previous UTC day, which is complete. */
    public static LocalDate previousUtcDay(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
    }
}
