package io.github.twitterstats.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.adapter.out.log.JsonLinesRunLog;
import io.github.twitterstats.application.BackupScheduler;
import io.github.twitterstats.bootstrap.BackupComponents;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.ScheduleSummary;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Lazy;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * The daily backup scheduler: EventBridge invokes it with a Scheduled Event; it resolves the
 * accounts' ids and queues one job per account for the previous UTC day, and returns the summary.
 * The day is taken from the event's scheduled time, not the clock, so a delayed or retried
 * invocation still backs up the day it was scheduled for. An event whose {@code detail} has a
 * {@code date} (YYYY-MM-DD) backs up that day instead, for a backfill from the console.
 */
public final class BackupSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>>, Resource {

    /** Time kept back from the invocation for queueing after any wait on X. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    private final RunLog log;
    private final Lazy<BackupComponents> components;

    public BackupSchedulerHandler() {
        this(System.getenv(), System.out, Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    BackupSchedulerHandler(Map<String, String> env, PrintStream logOut, Clock clock) {
        this(new JsonLinesRunLog(logOut, clock), log -> BackupComponents.fromEnvironment(env, log, clock));
    }

    BackupSchedulerHandler(RunLog log, java.util.function.Function<RunLog, BackupComponents> wiring) {
        this.log = log;
        Supplier<BackupComponents> build = () -> wiring.apply(log);
        this.components = new Lazy<>(build);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        try {
            BackupComponents app = components.get();
            Clock clock = app.clock();
            LocalDate day = dayOf(event, clock);
            AccountList accounts = app.accounts().read(Optional.empty());
            Instant end = clock.instant().plusMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
            ScheduleSummary summary = app.scheduler().schedule(accounts, day, new Deadline(end, clock));
            return summary.toMap();
        } catch (RuntimeException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("error", e.getClass().getSimpleName());
            fields.put("detail", String.valueOf(e.getMessage()));
            if (event != null && event.getId() != null) {
                fields.put("event_id", event.getId());
            }
            log.event("ERROR", "backup scheduling failed", fields);
            throw e;
        }
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

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        forget();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        forget();
    }

    private void forget() {
        if (components.isBuilt()) {
            components.get().forgetClientsAndCredentials();
        }
    }
}
