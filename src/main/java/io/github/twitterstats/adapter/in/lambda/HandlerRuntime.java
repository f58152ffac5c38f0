package io.github.twitterstats.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.twitterstats.config.FailureMessages;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.support.Lazy;
import io.github.twitterstats.wiring.Wiring;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;

/**
 * What every handler keeps for the life of its Lambda container: the log, the clock and the {@link Wiring}, built
 * on the first invocation (so a configuration error fails that invocation, with its message in the log, not the
 * container's start) and reused by every later one. It is the handler's one SnapStart resource: before the
 * snapshot it primes a whole run inside the process ({@link Wiring#prime()}); before the snapshot and after each
 * restore it drops the wiring whole, so no restored copy runs on the snapshot's dead connections or on a secret
 * rotated since.
 */
public final class HandlerRuntime implements Resource {

    /** Kept back from the invocation's remaining time for the work after any wait (sending, answering). */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    private final RunLog log;
    private final Clock clock;
    private final Function<RunLog, Wiring> factory;
    private volatile Lazy<Wiring> wiring;

    /** A runtime over {@code factory}; tests give their own, and are not registered for SnapStart. */
    public HandlerRuntime(RunLog log, Clock clock, Function<RunLog, Wiring> factory) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.wiring = fresh();
    }

    /** A runtime reading {@code env}, logging JSON lines to {@code logOut}. */
    public HandlerRuntime(Map<String, String> env, PrintStream logOut, Clock clock) {
        this(Wiring.jsonLog(logOut, clock), clock, Wiring.fromEnvironment(env, clock));
    }

    /** The runtime of a handler Lambda created: the process's environment, registered for SnapStart. */
    static HandlerRuntime ofLambda() {
        HandlerRuntime runtime = new HandlerRuntime(System.getenv(), System.out, Clock.systemUTC());
        // CRaC keeps registered resources only weakly: the handler holds its runtime for the container's life.
        Core.getGlobalContext().register(runtime);
        return runtime;
    }

    /**
     * Runs one invocation: builds the wiring if this container has none, gives {@code work} the deadline (the
     * invocation's end less the safety margin), and logs a failure with the event's id before rethrowing it.
     */
    <T> T handle(String failure, String eventId, Context context, BiFunction<Wiring, Deadline, T> work) {
        try {
            return work.apply(wiring.get(), deadline(context));
        } catch (RuntimeException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("error", e.getClass().getSimpleName());
            fields.put("detail", FailureMessages.describe(e));
            if (eventId != null) {
                fields.put("event_id", eventId);
            }
            log.event(Level.ERROR, failure, fields);
            throw e;
        }
    }

    RunLog log() {
        return log;
    }

    Clock clock() {
        return clock;
    }

    /** A wiring not built yet: dropping the old one is replacing it with this. */
    private Lazy<Wiring> fresh() {
        return new Lazy<>(() -> factory.apply(log));
    }

    private Deadline deadline(Context context) {
        return new Deadline(clock.instant().plusMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN), clock);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Wiring.prime();
        wiring = fresh();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        wiring = fresh();
    }
}
