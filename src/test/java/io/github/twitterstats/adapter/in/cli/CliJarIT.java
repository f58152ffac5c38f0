package io.github.twitterstats.adapter.in.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.testing.FakeAwsServices;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeXApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped artifact itself: target/twitter-stats.jar run with {@code java -jar} in a fresh JVM,
 * as a user runs it. Shading can break what in-process tests never see (service files Jersey
 * needs, twitter4j's resources), so this runs the real jar against the loopback peers.
 */
class CliJarIT {

    private static final String BEARER = "jar-it-bearer";

    private final FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(BEARER));
    private final FakeDatadogApi datadog = new FakeDatadogApi().start();

    @AfterEach
    void stop() {
        x.close();
        datadog.close();
    }

    private record Result(int exitCode, String out, String err, long millis) {
    }

    private Result runJar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("project.jar", "target/twitter-stats.jar"));
        assertThat(jar).exists();
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        // a spool of this run's own, not ~/.twitter-stats/spool of whoever runs the build
        builder.environment().putIfAbsent("SPOOL_DIR", Files.createTempDirectory("cli-spool").toString());
        long start = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar finished").isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), millis);
    }

    @Test
    void aHundredAccountsInOneColdRunOfTheJar() throws Exception {
        List<String> handles = x.addAccounts("acct", 100);

        Result result = runJar(Map.of("ACCOUNTS", String.join(";", handles), "X_BEARER_TOKEN", BEARER,
                "X_API_URL", x.baseUrl().toString(), "DD_API_KEY", datadog.apiKey(),
                "DD_API_URL", datadog.baseUrl().toString()), "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(result.out());
        assertThat(summary.get("accounts_ok").asInt()).isEqualTo(100);
        assertThat(summary.get("x_requests").asInt()).isEqualTo(1);
        assertThat(summary.get("datadog_requests").asInt()).isEqualTo(1);
        assertThat(datadog.requests()).singleElement()
                .satisfies(r -> assertThat(r.contentEncoding()).isEqualTo("gzip"));
        assertThat(datadog.receivedSeries()).hasSize(summary.get("series_sent").asInt());
        System.out.printf("cold java -jar --json, 100 accounts: %d ms wall (jar %d bytes)%n", result.millis(),
                Files.size(Path.of(System.getProperty("project.jar", "target/twitter-stats.jar"))));
    }

    @Test
    void exitCodesOfTheJar() throws Exception {
        x.addAccount("nasa");
        Map<String, String> base = Map.of("X_BEARER_TOKEN", BEARER, "X_API_URL", x.baseUrl().toString());

        assertThat(runJar(base, "--help").exitCode()).isZero();
        assertThat(runJar(base, "--accounts", "nasa", "--dry-run").exitCode()).isZero();
        assertThat(runJar(base, "--accounts", "nasa;ghost", "--dry-run").exitCode()).isEqualTo(3);
        Result config = runJar(Map.of(), "--accounts", "nasa");
        assertThat(config.exitCode()).isEqualTo(2);
        assertThat(config.err()).contains("X_BEARER_TOKEN");
        x.unauthorized(5);
        Result rejected = runJar(base, "--accounts", "nasa", "--dry-run");
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.err()).contains("X_BEARER_TOKEN").doesNotContain(BEARER);
    }

    @Test
    void aRunThatReadsSecretsAndTheSsmListPrintsOnlyOurOwnLines() throws Exception {
        x.addAccount("nasa");
        try (FakeAwsServices aws = new FakeAwsServices()) {
            aws.secret("ts/x", "{\"bearer_token\":\"" + BEARER + "\"}")
                    .parameter("/ts/accounts", "StringList", "nasa");
            Map<String, String> env = Map.of("ACCOUNTS_PARAMETER", "/ts/accounts", "X_CREDENTIALS_SECRET", "ts/x",
                    "X_API_URL", x.baseUrl().toString(), "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                    "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test-access-key",
                    "AWS_SECRET_ACCESS_KEY", "test-secret-key");

            Result result = runJar(env, "--dry-run");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(aws.calls()).containsExactly("GetParameter /ts/accounts", "GetSecretValue ts/x");
            assertThat(result.err()).as("the AWS SDK's logging does not reach the terminal").doesNotContain("SLF4J");
        }
    }
}
