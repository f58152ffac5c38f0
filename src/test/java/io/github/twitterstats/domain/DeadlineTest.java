package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void allowsAWaitThatEndsByTheDeadlineAndNoLonger() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(30), clock);

        assertThat(deadline.allows(Duration.ofSeconds(30))).isTrue();
        assertThat(deadline.allows(Duration.ofSeconds(31))).isFalse();
    }

    @Test
    void aPassedDeadlineHasNothingLeft() {
        Deadline deadline = new Deadline(clock.instant().minusSeconds(5), clock);

        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
        assertThat(deadline.allows(Duration.ofMillis(1))).isFalse();
    }
}
