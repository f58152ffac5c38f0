package io.github.twitterstats.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The moment by which a run must be done with waiting. A Lambda invocation derives it from the
 * time its context has left; the command line from {@code --max-wait}.
 */
public record Deadline(Instant at, Clock clock) {

    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether waiting {@code wait} from now still ends before the deadline. */
    public boolean allows(Duration wait) {
        return wait.compareTo(remaining()) <= 0;
    }
}
