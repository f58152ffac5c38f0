package io.github.twitterstats.bench;

import com.sun.net.httpserver.HttpServer;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.testing.FakeBlueskyApi;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeMastodonApi;
import io.github.twitterstats.testing.FakeXApi;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The loopback peers of a mixed-network run ({@code bench/networks}): the tests' strict X, Bluesky, Mastodon and
 * DataDog fakes, every X, Bluesky and Mastodon answer held back by a fixed latency. The Mastodon fake answers for
 * every instance (it is reached through MASTODON_API_URL, the contract's proxy mode: loopback has no DNS for the
 * instances' own names).
 *
 * <pre>
 * java -cp test-classpath io.github.twitterstats.bench.NetworksBenchPeer LATENCY_MS X BLUESKY MASTODON SERVERS
 * </pre>
 *
 * Prints {@code X_API_URL=… BLUESKY_API_URL=… MASTODON_API_URL=… DD_API_URL=… DD_API_KEY=… X_BEARER_TOKEN=…
 * ACCOUNTS=… CONTROL=…} on one line when ready. Control: {@code GET /counts} answers
 * {@code x=N bluesky=N mastodon=N datadog=N series=N}; {@code GET /stop} ends the process.
 */
public final class NetworksBenchPeer {

    private NetworksBenchPeer() {
    }

    public static void main(String[] args) throws Exception {
        Duration latency = Duration.ofMillis(Long.parseLong(args[0]));
        int xCount = Integer.parseInt(args[1]);
        int blueskyCount = Integer.parseInt(args[2]);
        int mastodonCount = Integer.parseInt(args[3]);
        int servers = Integer.parseInt(args[4]);

        FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(BenchPeer.TOKEN)).delayResponses(latency);
        FakeBlueskyApi bluesky = FakeBlueskyApi.start();
        bluesky.delayResponses(latency);
        FakeMastodonApi mastodon = FakeMastodonApi.start("mastodon.social");
        mastodon.delayResponses(latency);
        FakeDatadogApi dd = new FakeDatadogApi().start();

        List<String> accounts = new ArrayList<>(x.addAccounts("xacct", xCount));
        accounts.addAll(bluesky.addAccounts("sky", blueskyCount));
        for (int i = 1; i <= mastodonCount; i++) {
            String instance = "server" + (i % servers + 1) + ".social";
            mastodon.addRemoteAccount("m" + i, instance);
            accounts.add("m" + i + "@" + instance);
        }

        CountDownLatch stop = new CountDownLatch(1);
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/counts", ex -> {
            int series = dd.requests().stream().mapToInt(r -> r.accepted().size()).sum();
            byte[] body = ("x=" + x.requestCount() + " bluesky=" + bluesky.requestCount() + " mastodon="
                    + mastodon.requestCount() + " datadog=" + dd.requestCount() + " series=" + series + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        control.createContext("/stop", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
            stop.countDown();
        });
        control.start();

        System.out.println("X_API_URL=" + x.baseUrl() + " BLUESKY_API_URL=" + bluesky.baseUrl()
                + " MASTODON_API_URL=" + mastodon.baseUrl() + " DD_API_URL=" + dd.baseUrl() + " DD_API_KEY="
                + dd.apiKey() + " X_BEARER_TOKEN=" + BenchPeer.TOKEN + " ACCOUNTS=" + String.join(";", accounts)
                + " CONTROL=http://127.0.0.1:" + control.getAddress().getPort());
        System.out.flush();
        stop.await();
        control.stop(0);
        x.close();
        bluesky.close();
        mastodon.close();
        dd.close();
        System.exit(0);
    }
}
