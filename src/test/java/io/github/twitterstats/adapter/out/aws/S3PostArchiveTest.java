package io.github.twitterstats.adapter.out.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.testing.LoopbackS3;
import io.github.twitterstats.testing.SamplePosts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3PostArchiveTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private static LoopbackS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LoopbackS3().createBucket("archive");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void writesTheDayAsGzipJsonLinesUnderTheAccountAndDatePartitions() throws IOException {
        List<Post> posts = SamplePosts.ofDay("12", DAY, 3);

        String location = new S3PostArchive(s3.client(), "archive", "backups/").store(new Handle("Jack"), DAY, posts);

        String key = "backups/posts/account=jack/year=2026/month=03/day=07/jack-2026-03-07.jsonl.gz";
        assertThat(location).isEqualTo("s3://archive/" + key);
        assertThat(gunzip(s3.get("archive", key).asByteArray())).isEqualTo(
                String.join("\n", posts.stream().map(Post::json).toList()) + "\n");
        assertThat(s3.get("archive", key).response().contentType()).isEqualTo("application/gzip");
    }

    @Test
    void aSecondRunOfTheDayReplacesTheObjectWithIdenticalBytes() {
        S3PostArchive archive = new S3PostArchive(s3.client(), "archive", "rerun");
        List<Post> posts = SamplePosts.ofDay("13", DAY, 40);
        String key = "rerun/posts/account=biz/year=2026/month=03/day=07/biz-2026-03-07.jsonl.gz";

        archive.store(new Handle("biz"), DAY, posts);
        byte[] first = s3.get("archive", key).asByteArray();
        List<Post> newestFirst = new java.util.ArrayList<>(posts);
        java.util.Collections.reverse(newestFirst);
        archive.store(new Handle("BIZ"), DAY, newestFirst);

        assertThat(s3.keys("archive")).filteredOn(k -> k.startsWith("rerun/")).containsExactly(key);
        assertThat(s3.get("archive", key).asByteArray()).isEqualTo(first);
    }

    @Test
    void aMissingBucketFailsTheRunNamingTheBucketVariable() {
        S3PostArchive archive = new S3PostArchive(s3.client(), "no-such-bucket", "");

        assertThatThrownBy(() -> archive.store(new Handle("jack"), DAY, SamplePosts.ofDay("12", DAY, 1)))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("s3://no-such-bucket/posts/account=jack/")
                .hasMessageContaining("ARCHIVE_BUCKET");
    }

    static String gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
