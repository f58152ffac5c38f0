package io.github.twitterstats.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.application.BackupScheduler;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.ConfigurationException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The daily backup scheduler: EventBridge invokes it with a Scheduled Event; it resolves the accounts' ids and
 * queues one job per account for the previous UTC day, and returns the summary. The day is taken from the event's
 * scheduled time, not the clock, so a delayed or retried invocation still backs up the day it was scheduled for.
 * An event whose {@code detail} has a {@code date} (YYYY-MM-DD) backs up that day instead, for a backfill.
 */
public final class BackupSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final HandlerRuntime runtime;

    public BackupSchedulerHandler() {
        this(HandlerRuntime.ofLambda());
    }

    public BackupSchedulerHandler(HandlerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return runtime.handle("backup scheduling failed", event == null ? null : event.getId(), context,
                (app, deadline) -> {
                    LocalDate day = dayOf(event, runtime.clock());
                    AccountList accounts = app.accounts(Optional.empty());
                    return app.backupScheduler().schedule(accounts, day, deadline).toMap();
                });
    }

    static LocalDate dayOf(ScheduledEvent event, Clock clock) {
        Object requested = event == null || event.getDetail() == null ? null : event.getDetail().get("date");
        if (requested != null) {
            try {
                return LocalDate.parse(requested.toString());
            } catch (DateTimeParseException e) {
                throw new ConfigurationException("the event's detail.date must be a day as YYYY-MM-DD (got '"
                        + requested + "')");
            }
        }
        Instant scheduled = event == null || event.getTime() == null ? clock.instant()
                : Instant.ofEpochMilli(event.getTime().getMillis());
        return BackupScheduler.previousUtcDay(scheduled);
    }
}
