package io.github.twitterstats.adapter.in.lambda;

import io.github.twitterstats.port.RunLog.Level;
import com.amazonaws.services.lambda.runtime.Context;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Lazy;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * What a handler keeps for the life of its Lambda container: components built on the first
 * invocation (so a configuration error fails that invocation, with its message in the log, rather
 * than the container's start) and reused by every later one. Under SnapStart they are dropped
 * before the snapshot and after each restore, so no restored copy runs on the snapshot's dead
 * connections or on a secret that was rotated since.
 */
final class ContainerScope<C> implements Resource {

    private final Lazy<C> components;
    private final Consumer<C> forget;

    ContainerScope(Supplier<C> build, Consumer<C> forget) {
        this.components = new Lazy<>(build);
        this.forget = forget;
    }

    /** The scope of a handler that Lambda created: registered for the SnapStart (CRaC) hooks. */
    ContainerScope<C> registeredForSnapStart() {
        Core.getGlobalContext().register(this);
        return this;
    }

    C components() {
        return components.get();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        forgetComponents();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        forgetComponents();
    }

    private void forgetComponents() {
        if (components.isBuilt()) {
            forget.accept(components.get());
        }
    }

    /** The invocation's end less {@code margin}, kept back for the work after any wait (sending, answering). */
    static Deadline deadline(Context context, Clock clock, Duration margin) {
        return new Deadline(clock.instant().plusMillis(context.getRemainingTimeInMillis()).minus(margin), clock);
    }

    /** Logs why an invocation failed, with the event's id for correlation, and hands the error back to rethrow. */
    static RuntimeException logged(RunLog log, String message, RuntimeException error, String eventId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("error", error.getClass().getSimpleName());
        fields.put("detail", String.valueOf(error.getMessage()));
        if (eventId != null) {
            fields.put("event_id", eventId);
        }
        log.event(Level.ERROR, message, fields);
        return error;
    }
}
