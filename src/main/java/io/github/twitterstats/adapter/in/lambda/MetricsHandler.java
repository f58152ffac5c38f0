package io.github.twitterstats.adapter.in.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.domain.AccountList;
import java.util.Map;
import java.util.Optional;

/** The scheduled metrics function: EventBridge invokes it with a Scheduled Event; it runs once, returns the summary. */
public final class MetricsHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final HandlerRuntime runtime;

    public MetricsHandler() {
        this(HandlerRuntime.ofLambda());
    }

    public MetricsHandler(HandlerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return runtime.handle("run failed", event == null ? null : event.getId(), context, (app, deadline) -> {
            AccountList accounts = app.accounts(Optional.empty());
            return app.metricsRun(accounts).execute(accounts, deadline).summary().toMap();
        });
    }
}
