package io.github.twitterstats.adapter.in.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.testing.FakeBlueskyApi;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeDatadogApi.ReceivedSeries;
import io.github.twitterstats.testing.FakeMastodonApi;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.LambdaEvents;
import io.github.twitterstats.testing.NetworksWorld;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics function over X, Bluesky and Mastodon accounts, against the four strict loopback peers. */
class MetricsHandlerNetworksTest {

    private final NetworksWorld world = new NetworksWorld();
    private final FakeXApi x = world.x;
    private final FakeBlueskyApi bluesky = world.bluesky;
    private final FakeMastodonApi mastodon = world.mastodon;
    private final FakeDatadogApi datadog = world.datadog;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final ScheduledEvent event = LambdaEvents.read("scheduled-event.json", ScheduledEvent.class);

    @TempDir
    Path spoolDir;

    @AfterEach
    void stop() {
        world.close();
    }

    private Map<String, Object> invoke(Map<String, String> env) {
        HandlerRuntime runtime = new HandlerRuntime(env, new PrintStream(logBytes, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
        return new MetricsHandler(runtime).handleRequest(event, LambdaEvents.context("ts", Duration.ofSeconds(60)));
    }

    private Map<String, String> env(String accounts) {
        Map<String, String> env = world.env(spoolDir);
        env.put("ACCOUNTS", accounts);
        return env;
    }

    /** {@link NetworksWorld#fortyMixedAccounts}, as one ACCOUNTS value separated by commas. */
    private String fortyMixedAccounts() {
        return String.join(",", world.fortyMixedAccounts());
    }

    @Test
    void fortyMixedAccountsCostOneXRequestTwoBlueskyRequestsAndOneLookupPerMastodonAccount() {
        Map<String, Object> summary = invoke(env(fortyMixedAccounts()));

        assertThat(summary).containsEntry("accounts_requested", 40).containsEntry("accounts_ok", 40)
                .containsEntry("accounts_failed", 0).containsEntry("x_requests", 1)
                .containsEntry("bluesky_requests", 2).containsEntry("mastodon_requests", 4)
                .containsEntry("datadog_requests", 1);
        assertThat(List.copyOf(summary.keySet())).containsExactly("accounts_requested", "accounts_ok",
                "accounts_failed", "failures", "x_requests", "bluesky_requests", "mastodon_requests",
                "datadog_requests", "series_sent", "spooled", "resent", "expired", "refused", "duration_ms");
        assertThat(x.requestCount()).isEqualTo(1);
        assertThat(bluesky.requestCount()).isEqualTo(2);
        assertThat(mastodon.requestCount()).isEqualTo(4);
        // 10 X accounts x 5 gauges, 30 others x 3, plus 7 run gauges
        assertThat(datadog.receivedSeries()).hasSize(10 * 5 + 30 * 3 + 7);
        assertThat(datadog.receivedSeries()).filteredOn(s -> s.metric().equals("twitter.status_count"))
                .extracting(ReceivedSeries::tags).contains(List.of("account:nasa.bsky.social", "network:bluesky"),
                        List.of("account:alice_mastodon.social", "network:mastodon"),
                        List.of("account:xacct3", "network:x"));
    }

    @Test
    void aNetworkThatIsDownFailsOnlyItsOwnAccounts() {
        String accounts = fortyMixedAccounts();
        mastodon.failWith(503, 1_000);

        Map<String, Object> summary = invoke(env(accounts));

        assertThat(summary).containsEntry("accounts_ok", 36).containsEntry("accounts_failed", 4);
        assertThat(summary.get("failures")).asList().hasSize(4).allSatisfy(f ->
                assertThat(((Map<?, ?>) f).get("reason")).isEqualTo("mastodon_error"));
        assertThat(datadog.receivedSeries()).filteredOn(s -> s.tags().contains("network:bluesky")).hasSize(26 * 3);
        assertThat(datadog.receivedSeries()).filteredOn(s -> s.tags().contains("network:x")).hasSize(10 * 5);
    }

    @Test
    void theInvocationThrowsOnlyWhenEveryRequestToEveryNetworkFailed() {
        String accounts = fortyMixedAccounts();
        x.failWith(503, 1_000);
        bluesky.dropConnections(1_000);
        mastodon.failWith(502, 1_000);

        assertThatThrownBy(() -> invoke(env(accounts))).isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("every request to every network failed");
    }

    @Test
    void aListWithoutXAccountsNeedsNoXCredentials() {
        bluesky.addAccount("nasa.bsky.social");
        mastodon.addRemoteAccount("alice", "mastodon.social");
        Map<String, String> env = env("nasa.bsky.social alice@mastodon.social");
        env.remove("X_BEARER_TOKEN");

        Map<String, Object> summary = invoke(env);

        assertThat(summary).containsEntry("accounts_ok", 2).containsEntry("x_requests", 0);
        assertThat(x.requestCount()).isZero();
        assertThat(datadog.receivedSeries()).filteredOn(s -> s.metric().equals("twitter.followers_count"))
                .extracting(ReceivedSeries::tags).containsExactlyInAnyOrder(
                        List.of("account:nasa.bsky.social", "network:bluesky"),
                        List.of("account:alice_mastodon.social", "network:mastodon"));
    }
}
