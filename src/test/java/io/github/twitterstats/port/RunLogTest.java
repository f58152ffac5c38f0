package io.github.twitterstats.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RunLogTest {

    @Test
    void fieldsKeepTheOrderTheyAreGivenIn() {
        assertThat(RunLog.fields("status", 503, "attempt", 2, "url", "https://api.x.com"))
                .containsExactly(Map.entry("status", 503), Map.entry("attempt", 2), Map.entry("url", "https://api.x.com"));
    }

    @Test
    void aKeyWithoutAValueIsAMistakeNotASilentDrop() {
        assertThatThrownBy(() -> RunLog.fields("status", 503, "attempt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key/value pairs");
    }
}
