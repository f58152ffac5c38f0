package io.github.twitterstats.adapter.out.log;

import io.github.twitterstats.adapter.out.format.JsonTrees;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs as one JSON object per line, which CloudWatch Logs Insights and DataDog's log
 * pipeline parse without configuration. {@link JsonTrees} rather than a logging framework (three
 * kinds of line do not justify a framework's start-up cost in a Lambda) or databind (whose set-up
 * is hundreds of classes before a cold run's first line): the same bytes as databind writes.
 */
public final class JsonLinesRunLog implements RunLog {

    private final PrintStream out;
    private final Clock clock;

    public JsonLinesRunLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void accountFailed(AccountFailure failure) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("account", failure.account());
        fields.put("reason", failure.reason().wireName());
        if (!failure.detail().isBlank()) {
            fields.put("detail", failure.detail());
        }
        write(Level.WARN, "account failed", fields);
    }

    @Override
    public void runCompleted(RunSummary summary) {
        write(summary.allAccountsDone() ? Level.INFO : Level.WARN, "run completed", Map.of("summary", summary.toMap()));
    }

    @Override
    public void event(Level level, String message, Map<String, ?> fields) {
        write(level, message, fields);
    }

    private void write(Level level, String message, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level.name());
        line.put("message", message);
        line.putAll(fields);
        try {
            String json = JsonTrees.write(line);
            synchronized (out) {
                out.println(json);
            }
        } catch (IOException e) {
            throw new IllegalStateException("log line could not be written as JSON", e);
        }
    }
}
