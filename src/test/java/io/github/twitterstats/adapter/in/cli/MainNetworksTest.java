package io.github.twitterstats.adapter.in.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.testing.FakeBlueskyApi;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeDatadogApi.ReceivedSeries;
import io.github.twitterstats.testing.FakeMastodonApi;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.NetworksWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * X, Bluesky and Mastodon accounts in one run through the command line, against the four strict loopback peers
 * (Mastodon through MASTODON_API_URL: one server answering for every instance, as the contract allows).
 */
class MainNetworksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworksWorld world = new NetworksWorld();
    private final FakeXApi x = world.x;
    private final FakeBlueskyApi bluesky = world.bluesky;
    private final FakeMastodonApi mastodon = world.mastodon;
    private final FakeDatadogApi datadog = world.datadog;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Map<String, String> env;

    @TempDir
    Path spoolDir;

    @BeforeEach
    void environment() {
        env = world.env(spoolDir);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private int run(String... args) {
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    }

    private JsonNode summary() throws Exception {
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** {@link NetworksWorld#fortyMixedAccounts}, as one {@code --accounts} value separated by semicolons. */
    private String fortyMixedAccounts() {
        return String.join(";", world.fortyMixedAccounts());
    }

    private List<String> tagsOf(String metric, String account) {
        return datadog.receivedSeries().stream().filter(s -> s.metric().equals(metric))
                .map(ReceivedSeries::tags).filter(t -> t.contains("account:" + account)).findFirst().orElseThrow();
    }

    @Test
    void fortyMixedAccountsCostOneXRequestTwoBlueskyRequestsAndOneLookupPerMastodonAccount() throws Exception {
        int code = run("--accounts", fortyMixedAccounts(), "--json");

        assertThat(code).isZero();
        JsonNode summary = summary();
        assertThat(summary.get("accounts_requested").asInt()).isEqualTo(40);
        assertThat(summary.get("accounts_ok").asInt()).isEqualTo(40);
        assertThat(summary.get("x_requests").asInt()).isEqualTo(1);
        assertThat(summary.get("bluesky_requests").asInt()).isEqualTo(2);
        assertThat(summary.get("mastodon_requests").asInt()).isEqualTo(4);
        assertThat(x.requestCount()).isEqualTo(1);
        assertThat(bluesky.requestCount()).isEqualTo(2);
        assertThat(mastodon.requestCount()).isEqualTo(4);
        assertThat(mastodon.requests()).extracting(r -> r.param("acct")).containsExactlyInAnyOrder(
                "Alice@Mastodon.Social", "bob@mastodon.social", "carol@hachyderm.io", "dave@hachyderm.io");
        assertThat(bluesky.problems()).isEmpty();
        assertThat(mastodon.problems()).isEmpty();
        assertThat(x.problems()).isEmpty();
    }

    @Test
    void everyPerAccountSeriesCarriesItsNetworkAndTheTagDatadogStores() {
        assertThat(run("--accounts", fortyMixedAccounts())).isZero();

        assertThat(tagsOf("twitter.followers_count", "nasa.bsky.social"))
                .containsExactly("account:nasa.bsky.social", "network:bluesky");
        assertThat(tagsOf("twitter.followers_count", "alice_mastodon.social"))
                .containsExactly("account:alice_mastodon.social", "network:mastodon");
        assertThat(tagsOf("twitter.followers_count", "xacct1")).containsExactly("account:xacct1", "network:x");
        assertThat(datadog.receivedSeries()).filteredOn(s -> s.tags().contains("account:xacct1"))
                .extracting(ReceivedSeries::metric).contains("twitter.followers_count", "twitter.friends_count",
                        "twitter.status_count", "twitter.favourites_count", "twitter.listed_count");
        assertThat(datadog.receivedSeries()).filteredOn(s -> s.tags().contains("account:nasa.bsky.social"))
                .extracting(ReceivedSeries::metric, s -> s.points().get(0).value()).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("twitter.followers_count", 1000.0),
                        org.assertj.core.groups.Tuple.tuple("twitter.friends_count", 10.0),
                        org.assertj.core.groups.Tuple.tuple("twitter.status_count", 500.0));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("network\\s+account\\s+followers")
                .containsPattern("bluesky\\s+nasa\\.bsky\\.social\\s+1,000\\s+10\\s+500")
                .containsPattern("mastodon\\s+Alice@Mastodon\\.Social\\s+70\\s+7\\s+700")
                .contains("40 accounts: 40 ok, 0 failed; 1 X request, 2 Bluesky requests, 4 Mastodon requests");
    }

    @Test
    void blueskyDownLeavesTheOtherNetworksDeliveredAndItsAccountsFailedWithBlueskyError() throws Exception {
        String accounts = fortyMixedAccounts();
        bluesky.failWith(503, 1_000);

        int code = run("--accounts", accounts, "--json");

        assertThat(code).isEqualTo(3);
        JsonNode summary = summary();
        assertThat(summary.get("accounts_ok").asInt()).isEqualTo(14);
        assertThat(summary.get("accounts_failed").asInt()).isEqualTo(26);
        assertThat(summary.get("failures")).allSatisfy(f -> assertThat(f.get("reason").asText()).isEqualTo("bluesky_error"));
        assertThat(summary.get("bluesky_requests").asInt()).isGreaterThan(2); // retried
        assertThat(datadog.receivedSeries()).anySatisfy(s -> assertThat(s.tags()).contains("account:xacct10"))
                .anySatisfy(s -> assertThat(s.tags()).contains("account:carol_hachyderm.io"))
                .noneSatisfy(s -> assertThat(s.tags()).contains("network:bluesky"));
    }

    @Test
    void mastodonDroppingEveryConnectionFailsItsAccountsWithMastodonErrorAlone() throws Exception {
        String accounts = fortyMixedAccounts();
        mastodon.dropConnections(1_000);

        int code = run("--accounts", accounts, "--json");

        assertThat(code).isEqualTo(3);
        JsonNode summary = summary();
        assertThat(summary.get("accounts_ok").asInt()).isEqualTo(36);
        assertThat(summary.get("failures")).hasSize(4)
                .allSatisfy(f -> assertThat(f.get("reason").asText()).isEqualTo("mastodon_error"));
        assertThat(summary.get("failures")).extracting(f -> f.get("account").asText())
                .contains("Alice@Mastodon.Social", "carol@hachyderm.io");
        assertThat(datadog.receivedSeries()).anySatisfy(s -> assertThat(s.tags()).contains("network:bluesky"))
                .anySatisfy(s -> assertThat(s.tags()).contains("network:x"));
    }

    @Test
    void theRunFailsOnlyWhenEveryRequestToEveryNetworkFailed() {
        String accounts = fortyMixedAccounts();
        x.failWith(503, 1_000);
        bluesky.failWith(503, 1_000);
        mastodon.failWith(500, 1_000);

        int code = run("--accounts", accounts, "--json");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("every request to every network failed");
        assertThat(datadog.receivedSeries()).noneSatisfy(s -> assertThat(s.metric()).isEqualTo("twitter.followers_count"));
    }

    @Test
    void aBlueskyOnlyDryRunNeedsNoCredentialsAtAll() throws Exception {
        bluesky.addAccount("nasa.bsky.social");
        env.remove("X_BEARER_TOKEN");
        env.remove("DD_API_KEY");
        env.remove("DD_API_URL");

        int code = run("--accounts", "nasa.bsky.social", "--dry-run", "--json");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode summary = summary();
        assertThat(summary.get("accounts_ok").asInt()).isEqualTo(1);
        assertThat(summary.get("x_requests").asInt()).isZero();
        assertThat(summary.get("bluesky_requests").asInt()).isEqualTo(1);
        assertThat(x.requestCount()).isZero();
        assertThat(datadog.requestCount()).isZero();
    }

    @Test
    void xAccountsStillNeedTheXKey() {
        x.addAccount("nasa");
        env.remove("X_BEARER_TOKEN");

        int code = run("--accounts", "nasa nasa.bsky.social", "--dry-run");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("X_BEARER_TOKEN");
        assertThat(bluesky.requestCount()).isZero();
    }
}
