package io.github.twitterstats.adapter.in.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.testing.FakeAwsServices;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.LambdaEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics function as Lambda runs it: a real EventBridge Scheduled Event, the real X,
 * DataDog and AWS clients over HTTP against strict loopback peers, and the summary it returns.
 */
class MetricsHandlerTest {

    private static final String BEARER = "handler-test-bearer-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(BEARER));
    private final FakeDatadogApi datadog = new FakeDatadogApi().start();
    private final FakeAwsServices aws = new FakeAwsServices();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final ScheduledEvent event = LambdaEvents.read("scheduled-event.json", ScheduledEvent.class);

    @AfterEach
    void stop() {
        x.close();
        datadog.close();
        aws.close();
    }

    /** Never the developer's ~/.twitter-stats/spool: a failed test run would leave samples there. */
    @TempDir
    Path spoolDir;

    private Map<String, String> directEnv(String accounts) {
        Map<String, String> env = new HashMap<>();
        env.put("SPOOL_DIR", spoolDir.toString());
        env.put("ACCOUNTS", accounts);
        env.put("X_BEARER_TOKEN", BEARER);
        env.put("X_API_URL", x.baseUrl().toString());
        env.put("DD_API_KEY", datadog.apiKey());
        env.put("DD_API_URL", datadog.baseUrl().toString());
        return env;
    }

    private HandlerRuntime runtime;

    private MetricsHandler handler(Map<String, String> env) {
        runtime = new HandlerRuntime(env, new PrintStream(logBytes, true, StandardCharsets.UTF_8), Clock.systemUTC());
        return new MetricsHandler(runtime);
    }

    private List<JsonNode> logLines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logBytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void theScheduledEventArrivesAsTheRuntimeDeliversIt() {
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getSource()).isEqualTo("aws.events");
        assertThat(event.getResources()).hasSize(1);
    }

    @Test
    void twoHundredFiftyAccountsCostThreeXRequestsAndOneDatadogRequest() throws Exception {
        List<String> handles = new ArrayList<>(x.addAccounts("acct", 248));
        x.account(handles.get(0)).likesAbsent();
        handles.add("nosuchuser123");
        x.addAccount("gone_for_good").suspended();
        handles.add("gone_for_good");

        Map<String, Object> summary = handler(directEnv(String.join(";", handles)))
                .handleRequest(event, LambdaEvents.context("twitter-stats", Duration.ofSeconds(60)));

        assertThat(summary).containsEntry("accounts_requested", 250).containsEntry("accounts_ok", 248)
                .containsEntry("accounts_failed", 2).containsEntry("x_requests", 3)
                .containsEntry("datadog_requests", 1);
        assertThat(summary.get("failures")).asList().containsExactlyInAnyOrder(
                Map.of("account", "nosuchuser123", "reason", "not_found"),
                Map.of("account", "gone_for_good", "reason", "suspended"));
        // 248 accounts x 5 gauges (no media_count from the fake), less one absent likes count, plus 7 run gauges
        // (accounts ok/failed, spooled, resent, expired, refused, X rate limit remaining).
        int expectedSeries = 248 * 5 - 1 + 7;
        assertThat(summary).containsEntry("series_sent", expectedSeries);
        assertThat(datadog.receivedSeries()).hasSize(expectedSeries);
        assertThat(x.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/2/users/by"));

        List<JsonNode> lines = logLines();
        assertThat(lines).filteredOn(l -> l.path("message").asText().equals("account failed")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.path("message").asText().equals("run completed")).singleElement()
                .satisfies(l -> assertThat(l.get("summary").get("accounts_ok").asInt()).isEqualTo(248));
    }

    @Test
    void readsTheListFromSsmAndTheKeysFromSecretsManagerOncePerContainer() {
        x.addAccount("nasa");
        x.addAccount("esa");
        aws.secret("ts/x", "{\"bearer_token\":\"" + BEARER + "\"}");
        aws.secret("ts/dd", "{\"api_key\":\"" + datadog.apiKey() + "\"}");
        aws.parameter("/ts/accounts", "StringList", "nasa,esa");
        Map<String, String> env = Map.of("ACCOUNTS_PARAMETER", "/ts/accounts", "X_CREDENTIALS_SECRET", "ts/x",
                "DD_CREDENTIALS_SECRET", "ts/dd", "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                "X_API_URL", x.baseUrl().toString(), "DD_API_URL", datadog.baseUrl().toString(),
                "SPOOL_DIR", spoolDir.toString());
        MetricsHandler handler = handler(env);

        Map<String, Object> first = handler.handleRequest(event, LambdaEvents.context("ts", Duration.ofSeconds(60)));
        aws.parameter("/ts/accounts", "StringList", "nasa");
        Map<String, Object> second = handler.handleRequest(event, LambdaEvents.context("ts", Duration.ofSeconds(60)));

        assertThat(first).containsEntry("accounts_ok", 2);
        assertThat(second).containsEntry("accounts_ok", 1);
        // The list is read on every run; each secret only once per container.
        assertThat(aws.calls()).hasSize(4).startsWith("GetParameter /ts/accounts").endsWith("GetParameter /ts/accounts");
        assertThat(aws.calls().subList(1, 3)).containsExactlyInAnyOrder("GetSecretValue ts/x", "GetSecretValue ts/dd");
    }

    @Test
    void afterASnapStartRestoreTheSecretsAreReadAgain() throws Exception {
        x.addAccount("nasa");
        aws.secret("ts/x", "{\"bearer_token\":\"" + BEARER + "\"}");
        Map<String, String> env = new HashMap<>(directEnv("nasa"));
        env.remove("X_BEARER_TOKEN");
        env.put("X_CREDENTIALS_SECRET", "ts/x");
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        MetricsHandler handler = handler(env);
        handler.handleRequest(event, LambdaEvents.context("ts", Duration.ofSeconds(60)));

        runtime.beforeCheckpoint(null);
        runtime.afterRestore(null);
        handler.handleRequest(event, LambdaEvents.context("ts", Duration.ofSeconds(60)));

        assertThat(aws.calls()).containsExactly("GetSecretValue ts/x", "GetSecretValue ts/x");
    }

    @Test
    void aConfigurationErrorFailsTheInvocationAndIsLogged() throws Exception {
        Map<String, String> env = directEnv("nasa");
        env.put("DD_SITE", "datadoghq.org");
        env.remove("DD_API_URL");

        assertThatThrownBy(() -> handler(env).handleRequest(event, LambdaEvents.context("ts", Duration.ofSeconds(60))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DD_SITE");
        assertThat(logLines()).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("ERROR");
            assertThat(line.get("detail").asText()).contains("DD_SITE");
            assertThat(line.get("event_id").asText()).isEqualTo(event.getId());
        });
        assertThat(x.requestCount()).isZero();
    }

    @Test
    void rejectedCredentialsAreLoggedWithTheVariablesToCheckButNotTheKey() throws Exception {
        x.addAccount("nasa");
        datadog.failAlways(403);
        Map<String, String> env = directEnv("nasa");

        assertThatThrownBy(() -> handler(env).handleRequest(event, LambdaEvents.context("ts", Duration.ofSeconds(60))))
                .isInstanceOf(CredentialsRejectedException.class);
        assertThat(logLines()).filteredOn(line -> line.get("level").asText().equals("ERROR"))
                .anySatisfy(line -> {
                    assertThat(line.get("detail").asText()).contains("DD_API_KEY").contains("DD_SITE");
                    assertThat(line.get("event_id").asText()).isEqualTo(event.getId());
                });
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain(datadog.apiKey());
    }
}
