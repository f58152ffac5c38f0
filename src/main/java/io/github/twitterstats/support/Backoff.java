package io.github.twitterstats.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with full jitter (a random wait between zero and the exponential
 * ceiling), so many functions retrying at once do not hit a recovering service in lock step.
 */
public record Backoff(int maxAttempts, Duration base, Duration cap) {

    public static final Backoff DEFAULT = new Backoff(4, Duration.ofMillis(200), Duration.ofSeconds(5));

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Whether another attempt may follow attempt number {@code attempt} (1-based). */
    public boolean allowsRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** The wait before attempt {@code attempt + 1}. */
    public Duration delayAfter(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** Sleeps, keeping the thread's interrupt flag if it is interrupted. */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
