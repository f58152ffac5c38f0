package io.github.twitterstats.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which timestamps DataDog's series intake still ingests: "current" means at most one hour in the
 * past and ten minutes in the future (DataDog API reference, "Submit metrics",
 * https://docs.datadoghq.com/api/latest/metrics/#submit-metrics; the Historical Metrics page,
 * https://docs.datadoghq.com/metrics/custom_metrics/historical_metrics/, confirms that older
 * values "are not ingested" unless historical ingestion is enabled per metric).
 *
 * <p>The one place that decides whether a sample has expired: the spool logic drops (and counts)
 * spooled samples with it, and the DataDog sink's last-line filter uses the same instance, so the
 * two can never disagree about a sample.
 */
public record IntakeWindow(Duration maxAge, Duration margin, Duration maxAhead) {

    /**
     * DataDog's window, less a minute at the old end: retries take time, and a point must still be
     * current when it lands, not only when it leaves.
     */
    public static final IntakeWindow DATADOG = new IntakeWindow(Duration.ofHours(1), Duration.ofMinutes(1),
            Duration.ofMinutes(10));

    public IntakeWindow {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(maxAhead, "maxAhead");
        if (margin.isNegative() || margin.compareTo(maxAge) >= 0) {
            throw new IllegalArgumentException("the margin must be at least zero and less than the maximum age");
        }
    }

    /** The oldest timestamp still worth sending at {@code now}. */
    public Instant oldestAcceptable(Instant now) {
        return now.minus(maxAge).plus(margin);
    }

    /** Too old to be ingested any more: such a sample is dropped, never sent. */
    public boolean expired(Gauge gauge, Instant now) {
        return gauge.timestamp().isBefore(oldestAcceptable(now));
    }

    /** Further ahead than DataDog accepts (a clock gone wrong). */
    public boolean tooFarAhead(Gauge gauge, Instant now) {
        return gauge.timestamp().isAfter(now.plus(maxAhead));
    }
}
