package io.github.twitterstats.adapter.out.log;

import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.port.RunLog;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command line's log on standard error: events (retries, waits) as readable lines. Failed
 * accounts and the summary are part of the command's own output, so they are not repeated here.
 */
public final class ConsoleRunLog implements RunLog {

    private final PrintStream err;

    public ConsoleRunLog(PrintStream err) {
        this.err = err;
    }

    @Override
    public void accountFailed(AccountFailure failure) {
    }

    @Override
    public void runCompleted(RunSummary summary) {
    }

    @Override
    public void event(Level level, String message, Map<String, ?> fields) {
        if (level == Level.DEBUG) {
            return;   // per-request detail belongs in the Lambda's log, not on a person's terminal
        }
        String details = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        synchronized (err) {
            err.println("twitter-stats: " + level.name().toLowerCase(java.util.Locale.ROOT) + ": " + message
                    + (details.isEmpty() ? "" : " (" + details + ")"));
        }
    }
}
