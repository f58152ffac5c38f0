package io.github.twitterstats.adapter.out.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.PostLines;
import io.github.twitterstats.testing.SamplePosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryPostArchiveTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);

    @TempDir
    Path root;

    @Test
    void writesTheSameLayoutAsTheBucket() throws IOException {
        List<Post> posts = SamplePosts.ofDay("12", DAY, 4);

        String location = new LocalDirectoryPostArchive(root).store(new Handle("Jack"), DAY, posts);

        Path file = root.resolve("posts/account=jack/year=2026/month=03/day=07/jack-2026-03-07.jsonl.gz");
        assertThat(location).isEqualTo(file.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(PostLines.gzip(posts));
    }

    @Test
    void aRerunReplacesTheDayAndLeavesNoPartialFiles() throws IOException {
        LocalDirectoryPostArchive archive = new LocalDirectoryPostArchive(root);
        archive.store(new Handle("jack"), DAY, SamplePosts.ofDay("12", DAY, 9));
        archive.store(new Handle("JACK"), DAY, SamplePosts.ofDay("12", DAY, 9));

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()))
                    .containsExactly("posts/account=jack/year=2026/month=03/day=07/jack-2026-03-07.jsonl.gz");
        }
    }
}
