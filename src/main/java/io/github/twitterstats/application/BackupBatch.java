package io.github.twitterstats.application;

import io.github.twitterstats.domain.AccountBackup;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The backup worker's use case: a batch of queued jobs (one account's day each), each backed up on its own, and the
 * messages worth another delivery named, so a failing account never re-runs the others. An unknown or suspended
 * account is logged and not retried: asking again cannot change the answer; an unreadable message is retried until
 * the queue moves it aside, where it can be inspected. Rejected X credentials fail the whole batch: every job would
 * fail the same way.
 */
public final class BackupBatch {

    /** One queued message: the job it holds, or why it holds none. */
    public sealed interface Message permits Job, Unreadable {
        String id();
    }

    /** A message holding a job. */
    public record Job(String id, BackupJob job) implements Message { }

    /** A message that is not a backup job; {@code problem} says why. */
    public record Unreadable(String id, String problem) implements Message { }

    private final BackupDay backupDay;
    private final RunLog log;
    private final Clock clock;

    public BackupBatch(BackupDay backupDay, RunLog log, Clock clock) {
        this.backupDay = Objects.requireNonNull(backupDay);
        this.log = Objects.requireNonNull(log);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Backs up every job; returns the ids of the messages worth another delivery, in order. */
    public List<String> run(List<Message> messages, Deadline deadline) {
        List<String> again = new ArrayList<>();
        for (Message message : messages) {
            if (!done(message, deadline)) {
                again.add(message.id());
            }
        }
        log.event(again.isEmpty() ? Level.INFO : Level.WARN, "backup batch completed",
                RunLog.fields("messages", messages.size(), "failed", again.size()));
        return again;
    }

    /** Whether the message is done with: stored, nothing to store, or not worth another attempt. */
    private boolean done(Message message, Deadline deadline) {
        if (message instanceof Unreadable unreadable) {
            log.event(Level.ERROR, "not a backup message", Map.of("message_id", unreadable.id(),
                    "detail", unreadable.problem()));
            return false;
        }
        Job job = (Job) message;
        Instant started = clock.instant();
        try {
            AccountBackup outcome = backupDay.run(job.job(), deadline);
            Map<String, Object> fields = outcomeFields(job, outcome, started);
            if (outcome instanceof AccountBackup.Failed failed) {
                log.accountFailed(failed.failure());
                log.event(Level.WARN, "account backup failed", fields);
                return !failed.retryable();
            }
            log.event(Level.INFO, "account backed up", fields);
            return true;
        } catch (CredentialsRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            // the archive could not be written, or something unforeseen: the job is delivered again
            Map<String, Object> fields = jobFields(job);
            fields.put("error", e.getClass().getSimpleName());
            fields.put("detail", String.valueOf(e.getMessage()));
            log.event(Level.ERROR, "account backup failed", fields);
            return false;
        }
    }

    private Map<String, Object> outcomeFields(Job job, AccountBackup outcome, Instant started) {
        Map<String, Object> fields = jobFields(job);
        fields.put("pages_read", outcome.pages());
        fields.put("x_requests", outcome.xRequests());
        if (outcome instanceof AccountBackup.Archived archived) {
            fields.put("posts_stored", archived.posts());
            fields.put("location", archived.location());
        } else if (outcome instanceof AccountBackup.NoPosts) {
            fields.put("posts_stored", 0);
        } else if (outcome instanceof AccountBackup.Failed failed) {
            fields.put("reason", failed.failure().reason().wireName());
            fields.put("retry", failed.retryable());
        }
        fields.put("duration_ms", Duration.between(started, clock.instant()).toMillis());
        return fields;
    }

    /** The fields every line about one job starts with, in this order: the message, the account, the day. */
    private static Map<String, Object> jobFields(Job job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message_id", job.id());
        fields.put("account", job.job().handle().value());
        fields.put("day", job.job().day().toString());
        return fields;
    }
}
