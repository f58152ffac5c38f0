package io.github.twitterstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.adapter.in.cli.Main;
import io.github.twitterstats.adapter.in.lambda.HandlerRuntime;
import io.github.twitterstats.adapter.in.lambda.MetricsHandler;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.testing.FakeAwsServices;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.LambdaEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret value reaches a log line, an exception (message or stack trace), the summary, or the
 * command line's output, whatever goes wrong. Every scenario runs with distinctive secret values
 * given both directly and through Secrets Manager, and everything the process writes is captured,
 * including what libraries print to the real standard streams.
 */
class SecretsNeverLeakTest {

    private static final String X_TOKEN = "LEAKCHECK-x-bearer-7f3a";
    private static final String CONSUMER_SECRET = "LEAKCHECK-consumer-secret-91bc";
    private static final String ACCESS_SECRET = "LEAKCHECK-access-secret-c0de";
    private static final String DD_KEY = "LEAKCHECK-dd-api-key-5e5e5e5e5e5e5e5e5e5e";
    private static final String DD_APP = "LEAKCHECK-dd-app-key-a1a1";
    private static final List<String> SECRETS = List.of(X_TOKEN, CONSUMER_SECRET, ACCESS_SECRET, DD_KEY, DD_APP);

    private final FakeXApi bearerX = FakeXApi.start(new XCredentials.BearerToken(X_TOKEN));
    private final FakeXApi oauthX = FakeXApi.start(new XCredentials.UserContext("LEAKCHECK-ck", CONSUMER_SECRET,
            "LEAKCHECK-at", ACCESS_SECRET));
    private final FakeDatadogApi datadog = new FakeDatadogApi(DD_KEY, java.time.Clock.systemUTC()).start();
    private final FakeAwsServices aws = new FakeAwsServices();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<String> texts = new ArrayList<>();
    private PrintStream realOut;
    private PrintStream realErr;

    @BeforeEach
    void captureTheProcessStreams() {
        realOut = System.out;
        realErr = System.err;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        for (FakeXApi x : List.of(bearerX, oauthX)) {
            x.addAccount("nasa");
            x.addAccount("esa");
        }
        aws.secret("ts/x", "{\"bearer_token\":\"" + X_TOKEN + "\"}");
        aws.secret("ts/x-oauth", "{\"consumer_key\":\"LEAKCHECK-ck\",\"consumer_secret\":\"" + CONSUMER_SECRET
                + "\",\"access_token\":\"LEAKCHECK-at\",\"access_token_secret\":\"" + ACCESS_SECRET + "\"}");
        aws.secret("ts/dd", "{\"api_key\":\"" + DD_KEY + "\",\"app_key\":\"" + DD_APP + "\"}");
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.setErr(realErr);
        bearerX.close();
        oauthX.close();
        datadog.close();
        aws.close();
    }

    @TempDir
    Path spoolDir;

    private Map<String, String> env(FakeXApi x, boolean viaSecrets) {
        Map<String, String> env = new HashMap<>();
        env.put("SPOOL_DIR", spoolDir.toString());
        env.put("ACCOUNTS", "nasa;esa;nosuchuser");
        env.put("X_API_URL", x.baseUrl().toString());
        env.put("DD_API_URL", datadog.baseUrl().toString());
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        if (viaSecrets) {
            env.put("X_CREDENTIALS_SECRET", x == bearerX ? "ts/x" : "ts/x-oauth");
            env.put("DD_CREDENTIALS_SECRET", "ts/dd");
        } else if (x == bearerX) {
            env.put("X_BEARER_TOKEN", X_TOKEN);
        } else {
            env.put("X_CONSUMER_KEY", "LEAKCHECK-ck");
            env.put("X_CONSUMER_SECRET", CONSUMER_SECRET);
            env.put("X_ACCESS_TOKEN", "LEAKCHECK-at");
            env.put("X_ACCESS_TOKEN_SECRET", ACCESS_SECRET);
        }
        if (!viaSecrets) {
            env.put("DD_API_KEY", DD_KEY);
            env.put("DD_APP_KEY", DD_APP);
        }
        return env;
    }

    /** Runs the scenario through the CLI and through the Lambda handler, keeping every text it produced. */
    private void runEverywhere(Map<String, String> env, String... cliArgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(cliArgs, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        texts.add(out.toString(StandardCharsets.UTF_8));
        texts.add(err.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try {
            Map<String, Object> summary = new MetricsHandler(new HandlerRuntime(env, new PrintStream(log, true,
                    StandardCharsets.UTF_8), Clock.systemUTC())).handleRequest(LambdaEvents.read("scheduled-event.json",
                    ScheduledEvent.class), LambdaEvents.context("ts", Duration.ofSeconds(30)));
            texts.add(summary.toString());
        } catch (RuntimeException e) {
            texts.add(stackTraceOf(e));
        }
        texts.add(log.toString(StandardCharsets.UTF_8));
    }

    private static String stackTraceOf(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private void scenario(Consumer<Boolean> arrange, String... cliArgs) {
        for (boolean viaSecrets : new boolean[] {false, true}) {
            for (FakeXApi x : List.of(bearerX, oauthX)) {
                arrange.accept(viaSecrets);
                runEverywhere(env(x, viaSecrets), cliArgs);
            }
        }
    }

    @Test
    void noSecretInAnyOutputWhateverHappens() {
        scenario(viaSecrets -> { });
        scenario(viaSecrets -> { }, "--dry-run", "--json");
        scenario(viaSecrets -> { }, "--help");
        scenario(viaSecrets -> {
            bearerX.unauthorized(8);
            oauthX.unauthorized(8);
        });
        scenario(viaSecrets -> datadog.failNext(8, 403));
        scenario(viaSecrets -> datadog.failNext(40, 500));
        scenario(viaSecrets -> datadog.dropNextConnections(40));
        scenario(viaSecrets -> {
            bearerX.malformedJson(40);
            oauthX.malformedJson(40);
        });
        datadog.clearFaults();
        scenario(viaSecrets -> { }, "--max-wait", "never");
        texts.add(captured.toString(StandardCharsets.UTF_8));

        String everything = String.join("\n", texts);
        assertThat(everything).as("the scenarios produced output to check").contains("run failed")
                .contains("accounts_requested").contains("Usage:");
        for (String secret : SECRETS) {
            assertThat(everything).doesNotContain(secret);
        }
    }
}
