package io.github.twitterstats.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples not sent because DataDog would not ingest them: {@code expired} grew older than its intake window,
 * {@code refused} it would refuse for their content, by reason. Both leave the spool and are counted.
 */
public record Dropped(List<Gauge> expired, Map<Refusal, List<Gauge>> refused) {

    public static final Dropped NONE = new Dropped(List.of(), Map.of());

    public Dropped {
        expired = List.copyOf(expired);
        Map<Refusal, List<Gauge>> copy = new LinkedHashMap<>();
        refused.forEach((reason, gauges) -> {
            if (!gauges.isEmpty()) {
                copy.put(reason, List.copyOf(gauges));
            }
        });
        refused = Map.copyOf(copy);
    }

    public int expiredCount() {
        return expired.size();
    }

    public int refusedCount() {
        return refused.values().stream().mapToInt(List::size).sum();
    }

    public int count() {
        return expiredCount() + refusedCount();
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    public Dropped plus(Dropped other) {
        List<Gauge> allExpired = new ArrayList<>(expired);
        allExpired.addAll(other.expired);
        Map<Refusal, List<Gauge>> allRefused = new LinkedHashMap<>();
        for (Refusal reason : Refusal.values()) {
            List<Gauge> both = new ArrayList<>(refused.getOrDefault(reason, List.of()));
            both.addAll(other.refused.getOrDefault(reason, List.of()));
            allRefused.put(reason, both);
        }
        return new Dropped(allExpired, allRefused);
    }
}
