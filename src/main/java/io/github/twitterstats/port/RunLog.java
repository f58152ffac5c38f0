package io.github.twitterstats.port;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.RunSummary;
import java.util.Map;

/** Structured run log: one line per failed account, one per run, and notable events (retries, waits). */
public interface RunLog {

    void accountFailed(AccountFailure failure);

    void runCompleted(RunSummary summary);

    /** How much an event matters, as log readers filter on it. */
    enum Level { DEBUG, INFO, WARN, ERROR }

    /** A notable event; {@code fields} never hold a secret value. */
    void event(Level level, String message, Map<String, ?> fields);

    RunLog SILENT = new RunLog() {
        @Override public void accountFailed(AccountFailure failure) { }
        @Override public void runCompleted(RunSummary summary) { }
        @Override public void event(Level level, String message, Map<String, ?> fields) { }
    };
}
