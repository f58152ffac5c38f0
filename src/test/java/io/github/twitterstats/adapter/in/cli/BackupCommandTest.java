package io.github.twitterstats.adapter.in.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.testing.BackupWorld;
import io.github.twitterstats.testing.FakeAwsServices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private static final Clock NEXT_MORNING = Clock.fixed(Instant.parse("2026-03-08T10:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BackupWorld world;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        world = new BackupWorld();
        world.x.addAccount("NASA", "11348282").postsOn(DAY, 321);
        world.x.addAccount("esa", "21436663").postsOn(DAY, 4);
        world.x.addAccount("quiet", "14");
        world.x.addAccount("gone").suspended();
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    private int run(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "backup";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), NEXT_MORNING);
    }

    private JsonNode summary() throws IOException {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    @Test
    void backsUpYesterdayIntoADirectoryWithTheBucketLayoutAndSaysWhatItDid() throws IOException {
        int exit = run(world.env("nAsA;ESA;quiet", null), "--out", dir.toString(), "--json");

        assertThat(exit).as(err.toString()).isEqualTo(0);
        JsonNode s = summary();
        assertThat(s.get("date").asText()).isEqualTo("2026-03-07");
        assertThat(s.get("accounts_ok").asInt()).isEqualTo(3);
        assertThat(s.get("posts_stored").asInt()).isEqualTo(325);
        assertThat(s.get("pages_read").asInt()).isEqualTo(4 + 1 + 1);
        assertThat(s.get("objects_written").asInt()).isEqualTo(2);
        assertThat(s.get("x_requests").asInt()).isEqualTo(1 + 6);
        assertThat(s.get("accounts_without_posts").get(0).asText()).isEqualTo("quiet");
        assertThat(files(dir)).containsExactlyInAnyOrder(
                "posts/account=nasa/year=2026/month=03/day=07/nasa-2026-03-07.jsonl.gz",
                "posts/account=esa/year=2026/month=03/day=07/esa-2026-03-07.jsonl.gz");
        assertThat(world.x.problems()).isEmpty();
    }

    @Test
    void runningTheSameDayTwiceGivesTheSameFilesAndNoDuplicates() throws IOException {
        run(world.env("esa", null), "--out", dir.toString(), "--date", "2026-03-07");
        Path file = dir.resolve("posts/account=esa/year=2026/month=03/day=07/esa-2026-03-07.jsonl.gz");
        byte[] first = Files.readAllBytes(file);

        int exit = run(world.env("ESA", null), "--out", dir.toString(), "--date", "2026-03-07");

        assertThat(exit).isEqualTo(0);
        assertThat(files(dir)).hasSize(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
    }

    @Test
    void writesToAnS3LocationInTheSameLayout() throws IOException {
        int exit = run(world.env("esa", null), "--out", "s3://" + BackupWorld.BUCKET + "/cli", "--json");

        assertThat(exit).as(err.toString()).isEqualTo(0);
        assertThat(world.s3.keys(BackupWorld.BUCKET)).contains(
                "cli/posts/account=esa/year=2026/month=03/day=07/esa-2026-03-07.jsonl.gz");
    }

    @Test
    void someAccountsFailingExitsWithThreeAndNamesThem() throws IOException {
        int exit = run(world.env("esa", null), "--accounts", "esa gone nosuchuser", "--out", dir.toString(), "--json");

        assertThat(exit).isEqualTo(3);
        assertThat(summary().get("failures").toString())
                .isEqualTo("[{\"account\":\"gone\",\"reason\":\"suspended\"},{\"account\":\"nosuchuser\",\"reason\":\"not_found\"}]");
    }

    @Test
    void usageAndConfigurationErrorsExitWithTwo() {
        assertThat(run(world.env("esa", null), "--date", "07/03/2026")).isEqualTo(2);
        assertThat(run(world.env("esa", null), "--date", "2026-03-09")).isEqualTo(2);
        assertThat(run(world.env("esa", null), "--bogus")).isEqualTo(2);
        Map<String, String> noCredentials = world.env("esa", null);
        noCredentials.remove("X_BEARER_TOKEN");
        assertThat(run(noCredentials, "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("X_BEARER_TOKEN");
    }

    @Test
    void rejectedCredentialsFailTheRunWithOne() {
        Map<String, String> env = world.env("esa", null);
        env.put("X_BEARER_TOKEN", "revoked");

        assertThat(run(env, "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("X_BEARER_TOKEN").doesNotContain("revoked");
    }

    @Test
    void theXCredentialsSecretIsReadOncePerBackup() {
        try (FakeAwsServices aws = new FakeAwsServices()) {
            Map<String, String> env = world.env("esa", null);
            aws.secret("ts/x", "{\"bearer_token\":\"" + env.remove("X_BEARER_TOKEN") + "\"}");
            env.put("X_CREDENTIALS_SECRET", "ts/x");
            env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());

            assertThat(run(env, "--out", dir.toString(), "--json")).as(err.toString()).isZero();
            assertThat(aws.calls()).containsExactly("GetSecretValue ts/x");
        }
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
        }
    }
}
