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
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.crac.Resource;

/**
 * The daily backup scheduler: EventBridge invokes it with a Scheduled Event; it resolves the
 * accounts' ids and queues one job per account for the previous UTC day, and returns the summary.
 * The day is taken from the event's scheduled time, not the clock, so a delayed or retried
 * invocation still backs up the day it was scheduled for. An event whose {@code detail} has a
 * {@code date} (YYYY-MM-DD) backs up that day instead, for a backfill from the console.
 */
public final class BackupSchedulerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    /** Time kept back from the invocation for queueing after any wait on X. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    private final RunLog log;
    private final ContainerScope<BackupComponents> scope;

    public BackupSchedulerHandler() {
        this(System.getenv(), System.out, Clock.systemUTC());
        scope.registeredForSnapStart();
    }

    BackupSchedulerHandler(Map<String, String> env, PrintStream logOut, Clock clock) {
        this(new JsonLinesRunLog(logOut, clock), log -> BackupComponents.fromEnvironment(env, log, clock));
    }

    BackupSchedulerHandler(RunLog log, java.util.function.Function<RunLog, BackupComponents> wiring) {
        this.log = log;
        this.scope = new ContainerScope<>(() -> wiring.apply(log), BackupComponents::forgetClientsAndCredentials);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        try {
            BackupComponents app = scope.components();
            LocalDate day = dayOf(event, app.clock());
            AccountList accounts = app.accounts().read(Optional.empty());
            Deadline deadline = ContainerScope.deadline(context, app.clock(), SAFETY_MARGIN);
            ScheduleSummary summary = app.scheduler().schedule(accounts, day, deadline);
            return summary.toMap();
        } catch (RuntimeException e) {
            throw ContainerScope.logged(log, "backup scheduling failed", e, event == null ? null : event.getId());
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

    /** The SnapStart hooks, for tests that play a checkpoint and restore. */
    Resource snapStartHooks() {
        return scope;
    }
}
