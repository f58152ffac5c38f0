package io.github.twitterstats.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One gauge sample: a metric name, a value at a point in time, and its tags. */
public record Gauge(String metric, double value, Instant timestamp, List<String> tags) {

    public Gauge {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(timestamp, "timestamp");
        tags = List.copyOf(tags);
    }
}
