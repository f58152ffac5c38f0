package io.github.twitterstats.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.twitterstats.application.BackupDay;
import io.github.twitterstats.domain.AccountBackup;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.wiring.Wiring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backup worker: SQS delivers up to 10 jobs (one account's day each); each is backed up on its own, and only
 * the jobs worth another attempt are reported in {@code batchItemFailures} (the event source mapping has
 * ReportBatchItemFailures), so SQS redelivers those alone and a failing account never re-runs the others. After the
 * queue's maxReceiveCount a job moves to the dead-letter queue. An unknown or suspended account is logged and not
 * retried: asking again cannot change the answer. Rejected X credentials fail the whole invocation: every job would
 * fail the same way, and the function's error metric is what an operator watches.
 */
public final class BackupWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final HandlerRuntime runtime;

    public BackupWorkerHandler() {
        this(HandlerRuntime.ofLambda());
    }

    public BackupWorkerHandler(HandlerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        return runtime.handle("backup batch failed", messages.isEmpty() ? null : messages.get(0).getMessageId(),
                context, (app, deadline) -> backUp(app, messages, deadline));
    }

    private SQSBatchResponse backUp(Wiring app, List<SQSEvent.SQSMessage> messages, Deadline deadline) {
        BackupDay backupDay = app.backupDay();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : messages) {
            if (!backUp(app, message, backupDay, deadline)) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messages", messages.size());
        fields.put("failed", failures.size());
        log().event(failures.isEmpty() ? Level.INFO : Level.WARN, "backup batch completed", fields);
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** Whether the message is done with (stored, nothing to store, or not worth retrying). */
    private boolean backUp(Wiring app, SQSEvent.SQSMessage message, BackupDay backupDay, Deadline deadline) {
        Instant started = runtime.clock().instant();
        BackupJob job;
        try {
            job = app.backupJob(message.getBody());
        } catch (IllegalArgumentException e) {
            // left to reach the dead-letter queue, where it can be inspected
            log().event(Level.ERROR, "not a backup message", Map.of("message_id", message.getMessageId(),
                    "detail", e.getMessage()));
            return false;
        }
        try {
            AccountBackup outcome = backupDay.run(job, deadline);
            Map<String, Object> fields = fields(message, job, outcome, started);
            if (outcome instanceof AccountBackup.Failed failed) {
                log().accountFailed(failed.failure());
                log().event(Level.WARN, "account backup failed", fields);
                return !failed.retryable();
            }
            log().event(Level.INFO, "account backed up", fields);
            return true;
        } catch (CredentialsRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            // the archive could not be written, or something unforeseen: SQS will redeliver this job
            Map<String, Object> fields = jobFields(message, job);
            fields.put("error", e.getClass().getSimpleName());
            fields.put("detail", String.valueOf(e.getMessage()));
            log().event(Level.ERROR, "account backup failed", fields);
            return false;
        }
    }

    private Map<String, Object> fields(SQSEvent.SQSMessage message, BackupJob job, AccountBackup outcome,
                                       Instant started) {
        Map<String, Object> fields = jobFields(message, job);
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
        fields.put("duration_ms", Duration.between(started, runtime.clock().instant()).toMillis());
        return fields;
    }

    /** The fields every line about one job starts with, in this order: the message, the account, the day. */
    private static Map<String, Object> jobFields(SQSEvent.SQSMessage message, BackupJob job) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message_id", message.getMessageId());
        fields.put("account", job.handle().value());
        fields.put("day", job.day().toString());
        return fields;
    }

    private RunLog log() {
        return runtime.log();
    }
}
