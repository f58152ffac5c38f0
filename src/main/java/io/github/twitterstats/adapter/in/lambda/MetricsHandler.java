package io.github.twitterstats.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.adapter.out.log.JsonLinesRunLog;
import io.github.twitterstats.application.MetricsRun;
import io.github.twitterstats.bootstrap.Components;
import io.github.twitterstats.bootstrap.Priming;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Lazy;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;

/**
 * The scheduled metrics function: EventBridge invokes it with a Scheduled Event, it runs once and
 * returns the summary. Lambda keeps one instance per container, so the components it builds on
 * the first invocation serve every later one.
 */
public final class MetricsHandler implements RequestHandler<ScheduledEvent, Map<String, Object>>, Resource {

    /** Time kept back from the invocation's remaining time for sending to DataDog after any wait on X. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    private final RunLog log;
    private final Lazy<Components> components;

    public MetricsHandler() {
        this(System.getenv(), System.out, Clock.systemUTC());
        // SnapStart: the snapshot must not carry live connections or secrets into every restored copy.
        Core.getGlobalContext().register(this);
    }

    MetricsHandler(Map<String, String> env, PrintStream logOut, Clock clock) {
        this.log = new JsonLinesRunLog(logOut, clock);
        // Built on the first invocation, so a configuration error fails that invocation with its
        // message in the log rather than failing the container's start.
        this.components = new Lazy<>(() -> Components.fromEnvironment(env, log, clock));
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        try {
            Components app = components.get();
            Clock clock = app.clock();
            AccountList accounts = app.accounts().read(Optional.empty());
            Instant end = clock.instant().plusMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
            RunReport report = app.metricsRun(false).execute(new MetricsRun.Request(accounts, new Deadline(end, clock),
                    false));
            return report.summary().toMap();
        } catch (RuntimeException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("error", e.getClass().getSimpleName());
            fields.put("detail", String.valueOf(e.getMessage()));
            if (event != null && event.getId() != null) {
                fields.put("event_id", event.getId());
            }
            log.event("ERROR", "run failed", fields);
            throw e;
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        forgetClientsAndCredentials();
        // Offline priming, so the snapshot holds loaded and initialised classes (docs/performance.md)
        Priming.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        forgetClientsAndCredentials();
    }

    private void forgetClientsAndCredentials() {
        if (components.isBuilt()) {
            components.get().forgetClientsAndCredentials();
        }
    }
}
