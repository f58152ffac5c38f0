package io.github.twitterstats.domain;

import java.time.Instant;
import java.util.Objects;

/** An account's metrics as X reported them, stamped with the moment X's answer arrived. */
public record AccountSnapshot(Handle handle, PublicMetrics metrics, Instant observedAt) {

    public AccountSnapshot {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
