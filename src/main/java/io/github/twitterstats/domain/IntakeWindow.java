package io.github.twitterstats.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which timestamps DataDog's series intake still ingests: "current" means at most one hour in the
 * past and ten minutes in the future (DataDog API reference, "Submit metrics",
 * https://docs.datadoghq.com/api/latest/metrics/#submit-metrics; the Historical Metrics page,
 * https://docs.datadoghq.com/metrics/custom_metrics/historical_metrics/, confirms that older
 * values "are not ingested" unless historical ingestion is enabled per metric).
 *
 * <p>The one place that decides whether DataDog would still take a sample ({@link #admit}): expired
 * (too old), refused (not finite, too far ahead), or admitted. It is applied once to each sample, at
 * the moment it would be sent: by the sink when it sends, by the delivery for a batch it does not
 * send (DataDog known down in this run).
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

    /** Why DataDog would refuse {@code gauge} at {@code now} whenever it is sent, or null if it would not. */
    public Refusal refusal(Gauge gauge, Instant now) {
        if (!Double.isFinite(gauge.value())) {
            return Refusal.NOT_FINITE;
        }
        return tooFarAhead(gauge, now) ? Refusal.TOO_FAR_AHEAD : null;
    }

    /** Sorts {@code gauges} into those DataDog would ingest at {@code now} and those it would not, and why. */
    public Admission admit(List<Gauge> gauges, Instant now) {
        List<Gauge> admitted = new ArrayList<>(gauges.size());
        List<Gauge> expired = new ArrayList<>();
        Map<Refusal, List<Gauge>> refused = new EnumMap<>(Refusal.class);
        for (Gauge gauge : gauges) {
            Refusal refusal = refusal(gauge, now);
            if (expired(gauge, now)) {
                expired.add(gauge);
            } else if (refusal != null) {
                refused.computeIfAbsent(refusal, r -> new ArrayList<>()).add(gauge);
            } else {
                admitted.add(gauge);
            }
        }
        return new Admission(admitted, new Dropped(expired, refused));
    }
}
