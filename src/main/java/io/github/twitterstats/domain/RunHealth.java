package io.github.twitterstats.domain;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the run-health gauges report: the accounts read, what became of the spool's backlog before this
 * run's own samples went out ({@code spooled}: samples still waiting; {@code resent}, {@code expired},
 * {@code refused}), and the lowest {@code x-rate-limit-remaining} X reported.
 */
public record RunHealth(int accountsOk, int accountsFailed, int spooled, int resent, int expired, int refused,
                        OptionalLong xRateLimitRemaining) {

    public RunHealth {
        Objects.requireNonNull(xRateLimitRemaining, "xRateLimitRemaining");
    }
}
