package io.github.twitterstats.port;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.RunSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/** Structured run log: one line per failed account, one per run, and notable events (retries, waits). */
public interface RunLog {

    void accountFailed(AccountFailure failure);

    void runCompleted(RunSummary summary);

    /** How much an event matters, as log readers filter on it. */
    enum Level { DEBUG, INFO, WARN, ERROR }

    /** Log fields in the order given, e.g. {@code fields("status", 503, "attempt", 2)}. */
    static Map<String, Object> fields(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("log fields come in key/value pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return fields;
    }

    /** A notable event; {@code fields} never hold a secret value. */
    void event(Level level, String message, Map<String, ?> fields);

    RunLog SILENT = new RunLog() {
        @Override public void accountFailed(AccountFailure failure) { }
        @Override public void runCompleted(RunSummary summary) { }
        @Override public void event(Level level, String message, Map<String, ?> fields) { }
    };
}
