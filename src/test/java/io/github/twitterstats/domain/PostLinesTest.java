package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.testing.SamplePosts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PostLinesTest {

    private final List<Post> day = SamplePosts.ofDay("12", LocalDate.of(2026, 3, 7), 5);

    @Test
    void writesOnePostPerLineOldestFirstAsXSentIt() throws IOException {
        List<Post> newestFirst = new ArrayList<>(day);
        Collections.reverse(newestFirst);

        List<String> lines = gunzipLines(PostLines.gzip(newestFirst));

        assertThat(lines).containsExactlyElementsOf(day.stream().map(Post::json).toList());
    }

    @Test
    void theSamePostsAlwaysGiveTheSameBytes() {
        List<Post> shuffled = new ArrayList<>(day);
        Collections.shuffle(shuffled);
        assertThat(PostLines.gzip(shuffled)).isEqualTo(PostLines.gzip(day));
    }

    @Test
    void aPostSeenOnTwoPagesIsWrittenOnce() throws IOException {
        List<Post> overlapping = new ArrayList<>(day);
        overlapping.add(day.get(2));
        assertThat(gunzipLines(PostLines.gzip(overlapping))).hasSize(5);
    }

    @Test
    void ordersByIdAsANumberThoughXSendsItAsText() {
        Post older = SamplePosts.post("999", "1", Instant.EPOCH, "a");
        Post newer = SamplePosts.post("1000", "1", Instant.EPOCH, "b");
        assertThat(PostLines.distinctChronological(List.of(newer, older))).containsExactly(older, newer);
    }

    @Test
    void refusesAPostThatWouldBreakTheLineFormat() {
        assertThatThrownBy(() -> new Post("1", Instant.EPOCH, "{\"text\":\"a\nb\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<String> gunzipLines(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            return List.of(text.split("\n"));
        }
    }
}
