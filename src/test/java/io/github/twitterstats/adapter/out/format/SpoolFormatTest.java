package io.github.twitterstats.adapter.out.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpoolFormatTest {

    private static Clock at(long epochMillis) {
        return Clock.fixed(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    @Test
    void anIdIsTheWritingTimeInSixteenDigitsThenEightHexDigits() {
        String id = SpoolFormat.newId(at(1_796_097_025_448L));

        assertThat(id).matches("0001796097025448-[0-9a-f]{8}");
        assertThat(SpoolFormat.isId(id)).isTrue();
    }

    @Test
    void everyRandomPartIsPaddedToEightHexDigits() {
        // one int in 16 starts with a zero nibble, half of them are negative: 2,000 ids meet both many times
        assertThat(IntStream.range(0, 2_000).mapToObj(i -> SpoolFormat.newId(at(0))))
                .allSatisfy(id -> assertThat(id).matches("0000000000000000-[0-9a-f]{8}"));
    }

    @Test
    void idsSortOldestFirstAsPlainStrings() {
        assertThat(SpoolFormat.newId(at(999))).isLessThan(SpoolFormat.newId(at(1_000)));
        assertThat(SpoolFormat.newId(at(9_999_999_999L))).isLessThan(SpoolFormat.newId(at(10_000_000_000L)));
    }
}
