package io.github.twitterstats.testing;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.port.RunLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The one recording log of the tests: keeps everything said, in order, so a test can look for (or rule out) it. */
public final class RecordingLog implements RunLog {

    /** One event: its level, message and fields. */
    public record Event(Level level, String message, Map<String, ?> fields) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<AccountFailure> accountFailures = new CopyOnWriteArrayList<>();
    private final List<RunSummary> summaries = new CopyOnWriteArrayList<>();

    @Override
    public void accountFailed(AccountFailure failure) {
        accountFailures.add(failure);
    }

    @Override
    public void runCompleted(RunSummary summary) {
        summaries.add(summary);
    }

    @Override
    public void event(Level level, String message, Map<String, ?> fields) {
        events.add(new Event(level, message, Map.copyOf(fields)));
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> events(Level level) {
        return events.stream().filter(e -> e.level() == level).toList();
    }

    /** The fields of the first event with this message. */
    public Map<String, ?> fieldsOf(String message) {
        return events.stream().filter(e -> e.message().equals(message)).findFirst().orElseThrow().fields();
    }

    /** Everything said, one line each ("LEVEL message {fields}", then failures, then summaries): to search all of it. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        events.forEach(e -> lines.add(e.level() + " " + e.message() + " " + e.fields()));
        accountFailures.forEach(f -> lines.add(String.valueOf(f)));
        summaries.forEach(s -> lines.add(String.valueOf(s)));
        return List.copyOf(lines);
    }

    public List<AccountFailure> accountFailures() {
        return List.copyOf(accountFailures);
    }

    public List<RunSummary> summaries() {
        return List.copyOf(summaries);
    }
}
