package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandleTest {

    @Test
    void equalityIgnoresCaseButTheSpellingIsKept() {
        Handle upper = new Handle("NASA");

        assertThat(upper).isEqualTo(new Handle("nasa")).hasSameHashCodeAs(new Handle("nasa"));
        assertThat(upper.value()).isEqualTo("NASA");
        assertThat(upper.canonical()).isEqualTo("nasa");
    }

    @Test
    void refusesAnythingButOneToFifteenWordCharacters() {
        assertThatThrownBy(() -> new Handle("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handle("a.b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Handle("é")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Handle.isValid("_9")).isTrue();
    }
}
