package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ArchiveLayoutTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);

    @Test
    void partitionsByLowerCaseHandleAndZeroPaddedDate() {
        assertThat(ArchiveLayout.relativeKey(new Handle("NASA_Mars"), DAY))
                .isEqualTo("posts/account=nasa_mars/year=2026/month=03/day=07/nasa_mars-2026-03-07.jsonl.gz");
    }

    @Test
    void differentSpellingsOfOneHandleShareOneObject() {
        assertThat(ArchiveLayout.relativeKey(new Handle("JACK"), DAY))
                .isEqualTo(ArchiveLayout.relativeKey(new Handle("jack"), DAY));
    }

    @Test
    void joinsAnyPrefixWithExactlyOneSlash() {
        Handle jack = new Handle("jack");
        String relative = ArchiveLayout.relativeKey(jack, DAY);
        assertThat(ArchiveLayout.key("", jack, DAY)).isEqualTo(relative);
        assertThat(ArchiveLayout.key(null, jack, DAY)).isEqualTo(relative);
        assertThat(ArchiveLayout.key("archive", jack, DAY)).isEqualTo("archive/" + relative);
        assertThat(ArchiveLayout.key("/archive/", jack, DAY)).isEqualTo("archive/" + relative);
    }
}
