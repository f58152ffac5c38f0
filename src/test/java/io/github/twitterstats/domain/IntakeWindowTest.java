package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntakeWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final IntakeWindow window = IntakeWindow.DATADOG;

    private static Gauge at(Instant timestamp) {
        return new Gauge("twitter.followers_count", 1, timestamp, List.of());
    }

    @Test
    void aSampleExpiresAMinuteBeforeDatadogsHourIsUp() {
        assertThat(window.expired(at(NOW.minus(Duration.ofMinutes(59))), NOW)).isFalse();
        assertThat(window.expired(at(NOW.minus(Duration.ofMinutes(59)).minusSeconds(1)), NOW)).isTrue();
        assertThat(window.expired(at(NOW.minus(Duration.ofHours(2))), NOW)).isTrue();
        assertThat(window.expired(at(NOW), NOW)).isFalse();
    }

    @Test
    void tenMinutesAheadIsTheLimitInTheFuture() {
        assertThat(window.tooFarAhead(at(NOW.plus(Duration.ofMinutes(10))), NOW)).isFalse();
        assertThat(window.tooFarAhead(at(NOW.plus(Duration.ofMinutes(10)).plusSeconds(1)), NOW)).isTrue();
    }
}
