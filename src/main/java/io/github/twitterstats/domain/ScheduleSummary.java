package io.github.twitterstats.domain;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of the backup scheduler: which accounts were queued for {@code day} and which could
 * not be (invalid handles, unknown or suspended accounts, reported as in the metrics run). The
 * scheduler Lambda returns it.
 */
public record ScheduleSummary(LocalDate day, int accountsRequested, int accountsQueued, int accountsFailed,
                              List<AccountFailure> failures, int xRequests, int queueRequests, long durationMs) {

    public ScheduleSummary {
        Objects.requireNonNull(day, "day");
        failures = List.copyOf(failures);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("date", day.toString());
        map.put("accounts_requested", accountsRequested);
        map.put("accounts_queued", accountsQueued);
        map.put("accounts_failed", accountsFailed);
        map.put("failures", failures.stream().map(AccountFailure::summaryEntry).toList());
        map.put("x_requests", xRequests);
        map.put("queue_requests", queueRequests);
        map.put("duration_ms", durationMs);
        return map;
    }
}
