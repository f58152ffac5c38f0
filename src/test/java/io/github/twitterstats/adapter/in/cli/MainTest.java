package io.github.twitterstats.adapter.in.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.testing.FakeAwsServices;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeXApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's outputs and exit codes, against the loopback X and DataDog peers. */
class MainTest {

    private static final String BEARER = "cli-test-bearer";

    private final FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(BEARER));
    private final FakeDatadogApi datadog = new FakeDatadogApi().start();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    MainTest() {
        env.put("X_BEARER_TOKEN", BEARER);
        env.put("X_API_URL", x.baseUrl().toString());
        env.put("DD_API_KEY", datadog.apiKey());
        env.put("DD_API_URL", datadog.baseUrl().toString());
    }

    /** A spool of the test's own: never the developer's ~/.twitter-stats/spool, never another test's. */
    @TempDir
    Path spoolDir;

    @BeforeEach
    void ownSpool() {
        env.put("SPOOL_DIR", spoolDir.toString());
    }

    @AfterEach
    void stop() {
        x.close();
        datadog.close();
    }

    private int run(String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsATableOfEveryAccountAndExitsZeroWhenAllAreDone() {
        x.addAccount("nasa").followers(89_000_000).following(190).posts(72_000).likes(16_000).listed(97_000);
        x.addAccount("esa").likesAbsent();

        int code = run("--accounts", "@NASA; esa");

        assertThat(code).isZero();
        assertThat(out()).containsPattern("account\\s+followers\\s+following\\s+posts\\s+likes\\s+listed")
                .containsPattern("NASA\\s+89,000,000\\s+190\\s+72,000\\s+16,000\\s+97,000")
                .containsPattern("esa(\\s+[\\d,]+){3}\\s+-\\s+[\\d,]+")
                .contains("2 accounts: 2 ok, 0 failed; 1 X request, 1 DataDog request");
        assertThat(datadog.receivedSeries()).isNotEmpty();
    }

    @Test
    void jsonPrintsTheContractsSummaryAndExitsThreeWhenSomeAccountsFailed() throws Exception {
        x.addAccount("nasa");

        int code = run("--accounts", "nasa,nosuchuser123,bad-handle!", "--json");

        assertThat(code).isEqualTo(3);
        JsonNode summary = new ObjectMapper().readTree(out());
        assertThat(summary.get("accounts_requested").asInt()).isEqualTo(3);
        assertThat(summary.get("accounts_ok").asInt()).isEqualTo(1);
        assertThat(summary.get("accounts_failed").asInt()).isEqualTo(2);
        assertThat(summary.get("failures").toString())
                .contains("{\"account\":\"bad-handle!\",\"reason\":\"invalid_handle\"}")
                .contains("{\"account\":\"nosuchuser123\",\"reason\":\"not_found\"}");
        assertThat(summary.fieldNames()).toIterable().containsExactly("accounts_requested", "accounts_ok",
                "accounts_failed", "failures", "x_requests", "bluesky_requests", "mastodon_requests", "datadog_requests",
                "series_sent", "spooled", "resent", "expired", "refused", "duration_ms"); // spool counts: issues 5 and 10
    }

    @Test
    void jsonIsTheSummaryOnOneLineInTheContractsOrderAndNumberForm() {
        x.addAccount("nasa");

        run("--accounts", "nasa,nosuchuser123,bad-handle!", "--json");

        assertThat(out().replaceFirst("\"duration_ms\":[0-9]+}", "\"duration_ms\":0}")).isEqualTo("{"
                + "\"accounts_requested\":3,\"accounts_ok\":1,\"accounts_failed\":2,"
                + "\"failures\":[{\"account\":\"bad-handle!\",\"reason\":\"invalid_handle\"},"
                + "{\"account\":\"nosuchuser123\",\"reason\":\"not_found\"}],"
                + "\"x_requests\":1,\"bluesky_requests\":0,\"mastodon_requests\":0,\"datadog_requests\":1,"
                + "\"series_sent\":12,\"spooled\":0,\"resent\":0,\"expired\":0,\"refused\":0,\"duration_ms\":0}"
                + System.lineSeparator());
    }

    @Test
    void aDryRunNeedsNoDatadogKeyAndSendsNothing() {
        x.addAccount("nasa").followers(42);
        env.remove("DD_API_KEY");

        int code = run("--accounts", "nasa", "--dry-run");

        assertThat(code).isZero();
        assertThat(out()).contains("dry run: would send").contains("twitter.followers_count 42 @")
                .contains("account:nasa");
        assertThat(datadog.requestCount()).isZero();
    }

    @Test
    void accountsComeFromTheEnvironmentWhenNotGiven() {
        x.addAccount("esa");
        env.put("ACCOUNTS", "esa");

        assertThat(run("--json")).isZero();
        assertThat(out()).contains("\"accounts_ok\":1");
    }

    @Test
    void helpExitsZeroAndShowsNoSecret() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Usage: java -jar twitter-stats.jar").contains("Exit codes")
                .doesNotContain(BEARER).doesNotContain(datadog.apiKey());
    }

    @Test
    void usageAndConfigurationErrorsExitTwoWithAMessageSayingWhatToFix() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err()).contains("unknown option '--frobnicate'");

        err.reset();
        assertThat(run("--max-wait", "soon")).isEqualTo(2);
        assertThat(err()).contains("--max-wait takes a duration");

        err.reset();
        env.remove("X_BEARER_TOKEN");
        assertThat(run("--accounts", "nasa")).isEqualTo(2);
        assertThat(err()).contains("configuration error: no X credentials: set X_BEARER_TOKEN");

        err.reset();
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("no accounts to track: set ACCOUNTS");
        assertThat(x.requestCount()).isZero();
    }

    @Test
    void rejectedCredentialsFailTheRunWithExitOne() {
        x.addAccount("nasa");
        datadog.failAlways(403);

        int code = run("--accounts", "nasa");

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("run failed").contains("DD_API_KEY").contains("DD_SITE")
                .doesNotContain(datadog.apiKey());
    }

    @Test
    void rejectedXCredentialsNameTheVariablesThatHoldThem() {
        x.addAccount("nasa");
        env.put("X_BEARER_TOKEN", "revoked-bearer");

        int code = run("--accounts", "nasa");

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("run failed").contains("X_BEARER_TOKEN").contains("X_CREDENTIALS_SECRET")
                .doesNotContain("revoked-bearer");
    }

    @Test
    void outagesFailTheRunWithExitOneAndSayWhatToCheckIfTheyPersist() {
        x.addAccount("nasa");
        datadog.failAlways(503);

        assertThat(run("--accounts", "nasa")).isEqualTo(1);
        assertThat(err()).contains("run failed").contains("the next run tries again").contains("DD_SITE")
                .contains("DD_API_URL");

        err.reset();
        datadog.clearFaults();
        x.failWith(503, 1_000);

        assertThat(run("--accounts", "nasa")).isEqualTo(1);
        assertThat(err()).contains("run failed").contains("the next run tries again").contains("X_API_URL");
    }

    @Test
    void maxWaitBoundsTheWaitForARateLimitReset() {
        x.addAccount("nasa");
        x.tooManyRequests(1, java.time.Instant.now().plusSeconds(600));

        int code = run("--accounts", "nasa", "--max-wait", "2s", "--json");

        assertThat(code).isEqualTo(3);
        assertThat(out()).contains("\"reason\":\"rate_limited\"");
    }

    @Test
    void aSecretsManagerOutageFailsTheRunWithExitOneSoTheNextRunTriesAgain() {
        try (FakeAwsServices aws = new FakeAwsServices()) {
            aws.secret("twitter-stats/x", "{\"bearer_token\":\"" + BEARER + "\"}")
                    .outage(FakeAwsServices.Outage.SERVICE_UNAVAILABLE_503);
            env.remove("X_BEARER_TOKEN");
            env.put("X_CREDENTIALS_SECRET", "twitter-stats/x");
            env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
            x.addAccount("nasa");

            int code = run("--accounts", "nasa");

            assertThat(code).as(err()).isEqualTo(1);
            assertThat(err()).contains("run failed").contains("Secrets Manager").doesNotContain("configuration error");
        }
    }

    @Test
    void anSsmOutageFailsTheRunWithExitOneSoTheNextRunTriesAgain() {
        try (FakeAwsServices aws = new FakeAwsServices()) {
            aws.parameter("/twitter-stats/accounts", "StringList", "nasa")
                    .outage(FakeAwsServices.Outage.CONNECTION_RESET);
            env.put("ACCOUNTS_PARAMETER", "/twitter-stats/accounts");
            env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
            x.addAccount("nasa");

            int code = run();

            assertThat(code).as(err()).isEqualTo(1);
            assertThat(err()).contains("run failed").contains("SSM").doesNotContain("configuration error");
        }
    }
}
