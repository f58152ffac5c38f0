package io.github.twitterstats.domain;

import java.util.List;
import java.util.Objects;

/**
 * Gauges kept in the spool for a later run, under the spool's own identifier. Identifiers sort in
 * the order the batches were written, so "oldest first" is a plain sort.
 */
public record SpooledBatch(String id, List<Gauge> gauges) {

    public SpooledBatch {
        Objects.requireNonNull(id, "id");
        gauges = List.copyOf(gauges);
    }
}
