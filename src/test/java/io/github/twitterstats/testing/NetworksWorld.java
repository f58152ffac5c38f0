package io.github.twitterstats.testing;

import io.github.twitterstats.config.XCredentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics run's real protocol peers on loopback, together: the strict X, Bluesky, Mastodon
 * (one server answering for every instance, through MASTODON_API_URL, as the contract allows) and
 * DataDog fakes, and the environment a run would see, pointing at them.
 */
public final class NetworksWorld implements AutoCloseable {

    private static final String X_TOKEN = "networks-bearer";

    public final FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(X_TOKEN));
    public final FakeBlueskyApi bluesky = FakeBlueskyApi.start();
    public final FakeMastodonApi mastodon = FakeMastodonApi.start("mastodon.social");
    public final FakeDatadogApi datadog = new FakeDatadogApi().start();

    /** The variables that point a run at the four peers, spooling into {@code spoolDir}; a fresh, mutable map. */
    public Map<String, String> env(Path spoolDir) {
        Map<String, String> env = new HashMap<>();
        env.put("SPOOL_DIR", spoolDir.toString());
        env.put("X_BEARER_TOKEN", X_TOKEN);
        env.put("X_API_URL", x.baseUrl().toString());
        env.put("BLUESKY_API_URL", bluesky.baseUrl().toString());
        env.put("MASTODON_API_URL", mastodon.baseUrl().toString());
        env.put("DD_API_KEY", datadog.apiKey());
        env.put("DD_API_URL", datadog.baseUrl().toString());
        return env;
    }

    /**
     * Registers and returns the entries of 10 X accounts ({@code xacct1..10}), 26 Bluesky accounts
     * ({@code nasa.bsky.social}, 1,000 followers, 10 follows, 500 posts, and {@code sky1..25.bsky.social})
     * and 4 Mastodon accounts on two instances ({@code Alice@Mastodon.Social}, 70 followers, 7 following,
     * 700 statuses; bob on mastodon.social; carol and dave on hachyderm.io), the Mastodon ones written
     * in each of the list's spellings ({@code @user@domain}, {@code mastodon:user@domain}, {@code user@domain}).
     */
    public List<String> fortyMixedAccounts() {
        List<String> entries = new ArrayList<>(x.addAccounts("xacct", 10));
        entries.add(bluesky.addAccount("nasa.bsky.social").followers(1_000).follows(10).posts(500).handle());
        entries.addAll(bluesky.addAccounts("sky", 25));
        mastodon.addRemoteAccount("Alice", "Mastodon.Social").followers(70).following(7).statuses(700);
        entries.add("@Alice@Mastodon.Social");
        mastodon.addRemoteAccount("bob", "mastodon.social");
        entries.add("mastodon:bob@mastodon.social");
        mastodon.addRemoteAccount("carol", "hachyderm.io");
        entries.add("carol@hachyderm.io");
        mastodon.addRemoteAccount("dave", "hachyderm.io");
        entries.add("@dave@hachyderm.io");
        return entries;
    }

    @Override
    public void close() {
        x.close();
        bluesky.close();
        mastodon.close();
        datadog.close();
    }
}
