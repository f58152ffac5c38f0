package io.github.twitterstats.adapter.in.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.adapter.out.datadog.DatadogDashboards;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeDatadogDashboards.Write;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code twitter-stats dashboard} through datadog-api-client's v1 Dashboards API against the
 * loopback DataDog fake, which checks both keys and the Dashboard schema.
 */
class DashboardCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeDatadogApi datadog = new FakeDatadogApi().start();
    private final Map<String, String> env = new HashMap<>(Map.of(
            "DD_API_KEY", datadog.apiKey(), "DD_APP_KEY", FakeDatadogApi.DEFAULT_APP_KEY,
            "DD_API_URL", datadog.baseUrl().toString()));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        datadog.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        String[] all = new String[args.length + 1];
        all[0] = "dashboard";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    }

    private JsonNode printed() throws Exception {
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode committed() throws Exception {
        try (InputStream in = DatadogDashboards.class.getResourceAsStream(DatadogDashboards.RESOURCE)) {
            return JSON.readTree(in);
        }
    }

    @Test
    void runningTwiceCreatesOneDashboardThenUpdatesItInPlace() throws Exception {
        assertThat(run("--json")).isZero();
        JsonNode first = printed();
        assertThat(run("--json")).isZero();
        JsonNode second = printed();

        assertThat(first.get("action").asText()).isEqualTo("created");
        assertThat(second.get("action").asText()).isEqualTo("updated");
        assertThat(second.get("id")).isEqualTo(first.get("id"));
        assertThat(datadog.dashboards().stored()).hasSize(1);
        assertThat(datadog.dashboards().writes()).extracting(Write::method).containsExactly("POST", "PUT");
        assertThat(first.get("url").asText()).isEqualTo(datadog.baseUrl() + "/dashboard/" + first.get("id").asText()
                + "/x-accounts");
        assertThat(first.get("title").asText()).isEqualTo("X accounts");
    }

    @Test
    void whatTheCommandSendsIsTheCommittedJsonAndTheImportableCopyIsTheSame() throws Exception {
        run();
        run();

        assertThat(datadog.dashboards().writes()).allSatisfy(w -> assertThat(w.body()).isEqualTo(committed()));
        byte[] resource;
        try (InputStream in = DatadogDashboards.class.getResourceAsStream(DatadogDashboards.RESOURCE)) {
            resource = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(Path.of("dashboards/x-accounts.json")))
                .as("dashboards/x-accounts.json, for import by hand, is the definition the command sends")
                .isEqualTo(resource);
    }

    @Test
    void theDashboardIsFoundByItsMarkerNotItsTitle() throws Exception {
        String lookalike = datadog.dashboards().preexisting("X accounts", "someone's own, hands off");
        String renamed = datadog.dashboards().preexisting("Our X numbers (renamed)",
                "was generated " + DatadogDashboards.MARKER);

        run("--json");

        assertThat(printed().get("id").asText()).isEqualTo(renamed);
        assertThat(printed().get("action").asText()).isEqualTo("updated");
        assertThat(datadog.dashboards().stored().get(lookalike).get("description").asText())
                .isEqualTo("someone's own, hands off");
        assertThat(datadog.dashboards().stored().get(renamed).get("title").asText()).isEqualTo("X accounts");
    }

    @Test
    void theMarkerIsFoundBeyondTheFirstPageOfTheList() throws Exception {
        for (int i = 0; i < 130; i++) {
            datadog.dashboards().preexisting("other " + i, "");
        }
        String ours = datadog.dashboards().preexisting("X accounts", DatadogDashboards.MARKER);

        run("--json");

        assertThat(printed().get("id").asText()).isEqualTo(ours);
        assertThat(datadog.dashboards().stored()).hasSize(131);
        assertThat(datadog.requests()).filteredOn(r -> r.method().equals("GET")).hasSize(2);
    }

    @Test
    void withoutAnApplicationKeyItStopsWithExitTwoAndSaysWhatToSet() {
        env.remove("DD_APP_KEY");

        assertThat(run()).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DD_APP_KEY").contains("configuration error");
        assertThat(datadog.requestCount()).isZero();
    }

    @Test
    void aRefusedApplicationKeyFailsWithExitOneNamingItButNeverShowingIt() {
        String wrong = "wrong-app-key-00112233445566778899aabbccddeeff";
        env.put("DD_APP_KEY", wrong);

        assertThat(run()).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DD_APP_KEY").contains("403").doesNotContain(wrong)
                .doesNotContain(datadog.apiKey());
        assertThat(datadog.dashboards().stored()).isEmpty();
    }

    @Test
    void anotherMetricPrefixIsUsedInEveryQuery() throws Exception {
        env.put("METRIC_PREFIX", "social.x");

        run();

        String sent = datadog.dashboards().writes().get(0).body().toString();
        assertThat(sent).contains("avg:social.x.followers_count{$account,$network} by {account,network}")
                .contains("max:social.x.run.spooled{*}").doesNotContain(":twitter.");
    }

    @Test
    void theDefinitionHasWhatTheIssueAsksFor() throws Exception {
        String text = committed().toString();
        List<String> queries = new ArrayList<>();
        committed().findValues("query").forEach(q -> queries.add(q.asText()));

        assertThat(committed().get("template_variables").findValuesAsText("name")).containsExactly("account", "network");
        assertThat(committed().get("template_variables").findValuesAsText("prefix")).containsExactly("account", "network");
        assertThat(committed().get("description").asText()).contains(DatadogDashboards.MARKER);
        for (String metric : List.of("followers_count", "friends_count", "status_count", "favourites_count")) {
            assertThat(queries).contains("avg:twitter." + metric + "{$account,$network} by {account,network}");
        }
        // every per-account widget is filtered by both variables and grouped by account and network
        assertThat(queries).filteredOn(q -> q.contains("{$account")).isNotEmpty()
                .allSatisfy(q -> assertThat(q).endsWith("{$account,$network} by {account,network}"));
        assertThat(text).contains("a - day_before(a)").contains("a - week_before(a)");
        for (String health : List.of("accounts_ok", "accounts_failed", "spooled", "expired")) {
            assertThat(queries).anyMatch(q -> q.contains("twitter.run." + health + "{"));
        }
    }

    @Test
    void helpSaysWhatItNeeds() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("DD_APP_KEY").contains(DatadogDashboards.MARKER);
        assertThat(run("--bogus")).isEqualTo(2);
    }
}
