package io.github.twitterstats.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.adapter.out.log.JsonLinesRunLog;
import io.github.twitterstats.bootstrap.Components;
import io.github.twitterstats.bootstrap.Priming;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.port.RunLog;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;

/**
 * The scheduled metrics function: EventBridge invokes it with a Scheduled Event, it runs once and
 * returns the summary. Lambda keeps one instance per container, so the components it builds on
 * the first invocation serve every later one.
 */
public final class MetricsHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    /** Time kept back from the invocation's remaining time for sending to DataDog after any wait on X. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    private final RunLog log;
    private final ContainerScope<Components> scope;

    public MetricsHandler() {
        this(System.getenv(), System.out, Clock.systemUTC());
        scope.registeredForSnapStart();
        Core.getGlobalContext().register(PRIMING);
    }

    /**
     * SnapStart priming, offline (docs/performance.md): the snapshot then holds the clients' classes
     * loaded and initialised. Static, because CRaC keeps registered resources only weakly.
     */
    public static final Resource PRIMING = new Resource() {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            Priming.prime();
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            // nothing: the components were dropped by the scope's own hooks
        }
    };

    MetricsHandler(Map<String, String> env, PrintStream logOut, Clock clock) {
        this.log = new JsonLinesRunLog(logOut, clock);
        this.scope = new ContainerScope<>(() -> Components.fromEnvironment(env, log, clock),
                Components::forgetClientsAndCredentials);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        try {
            Components app = scope.components();
            AccountList accounts = app.accounts().read(Optional.empty());
            Deadline deadline = ContainerScope.deadline(context, app.clock(), SAFETY_MARGIN);
            RunReport report = app.metricsRun().execute(accounts, deadline);
            return report.summary().toMap();
        } catch (RuntimeException e) {
            throw ContainerScope.logged(log, "run failed", e, event == null ? null : event.getId());
        }
    }

    /** The SnapStart hooks, for tests that play a checkpoint and restore. */
    Resource snapStartHooks() {
        return scope;
    }
}
