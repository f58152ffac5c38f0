package io.github.twitterstats.application;

import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.domain.AccountBackup;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountIds;
import io.github.twitterstats.domain.AccountId;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.BackupSummary;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.port.AccountDirectory;
import io.github.twitterstats.port.RunLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole backup of one day in one process, account after account: what the command line runs.
 * It resolves ids like the scheduler and backs up each account like a worker, so both paths store
 * the same objects.
 */
public final class BackupRun {

    private final AccountDirectory directory;
    private final BackupDay backupDay;
    private final RunLog log;
    private final Clock clock;

    public BackupRun(AccountDirectory directory, BackupDay backupDay, RunLog log, Clock clock) {
        this.directory = Objects.requireNonNull(directory);
        this.backupDay = Objects.requireNonNull(backupDay);
        this.log = Objects.requireNonNull(log);
        this.clock = Objects.requireNonNull(clock);
    }

    public BackupSummary run(AccountList accounts, LocalDate day, Deadline deadline) {
        Objects.requireNonNull(day, "day");
        accounts = xAccounts(accounts, log);
        Instant started = clock.instant();
        AccountIds ids = resolve(directory, accounts, deadline);
        List<AccountBackup> outcomes = new ArrayList<>(ids.found().size());
        for (ResolvedAccount account : ids.found()) {
            outcomes.add(backupDay.run(new BackupJob(account, day), deadline));
        }
        // like the metrics run: when every read from X failed, nothing was learned and the run fails
        // (rate limits are a quota state reported per account, not a failed run)
        if (!outcomes.isEmpty() && outcomes.stream().allMatch(o -> o instanceof AccountBackup.Failed f
                && f.failure().reason() == FailureReason.X_ERROR)) {
            throw new ServiceUnavailableException(Service.X, "no account's posts could be read from X; first problem: "
                    + ((AccountBackup.Failed) outcomes.get(0)).failure().detail(), null);
        }
        List<AccountFailure> early = new ArrayList<>(accounts.invalid());
        early.addAll(ids.failures());
        BackupSummary summary = BackupSummary.of(day, accounts.requested(), early, outcomes, ids.requests(),
                Duration.between(started, clock.instant()).toMillis());
        summary.failures().forEach(log::accountFailed);
        log.event(Level.INFO, "backup completed", summary.toMap());
        return summary;
    }

    /**
     * The posts backup is X's alone: the list's Bluesky and Mastodon accounts are left out, with a log line that
     * says so (they count neither as requested nor as failed). A list with no X account has nothing to back up.
     */
    static AccountList xAccounts(AccountList accounts, RunLog log) {
        List<AccountId> others = accounts.others();
        if (!others.isEmpty()) {
            log.event(Level.INFO, "the posts backup is X-only: skipping " + others.size()
                    + " Bluesky/Mastodon account" + (others.size() == 1 ? "" : "s"),
                    Map.of("skipped", others.stream().map(a -> a.network().tagValue() + ":" + a.display()).toList()));
        }
        AccountList x = accounts.xOnly();
        if (x.isEmpty()) {
            throw new ConfigurationException("the posts backup is X-only and the account list holds no valid X"
                    + " handle: add X handles (1 to 15 letters, digits or underscores) to back up their posts");
        }
        return x;
    }

    /** Id resolution shared with the scheduler: a resolution that learned nothing fails the run. */
    static AccountIds resolve(AccountDirectory directory, AccountList accounts, Deadline deadline) {
        AccountIds ids = directory.resolve(accounts.handles(), deadline);
        if (ids.everyRequestFailed()) {
            throw new ServiceUnavailableException(Service.X, "every X request failed (" + ids.requests()
                    + "); first problem: " + AccountFailure.firstDetail(ids.failures()), null);
        }
        return ids;
    }
}
