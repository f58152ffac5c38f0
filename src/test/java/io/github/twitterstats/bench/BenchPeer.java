package io.github.twitterstats.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakePeer;
import io.github.twitterstats.testing.FakeXApi;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The one loopback peer {@code bench/run} measures against: the strict X and DataDog fakes of the
 * tests, every answer held back by a fixed latency, plus a small control endpoint.
 *
 * <pre>
 * java -cp test-classpath io.github.twitterstats.bench.BenchPeer LATENCY_MS ACCOUNTS PREFIX
 * </pre>
 *
 * Prints one line {@code x=URL dd=URL control=URL key=DD_API_KEY token=X_BEARER_TOKEN} when ready.
 * Control: {@code GET /counts} answers {@code x_requests dd_requests dd_wire_bytes dd_series} (one
 * line, space separated); {@code GET /reset} empties both journals; {@code GET /last-series} answers the
 * decoded JSON body of the last series request (for bench/run to time a DataDog round trip with curl);
 * {@code GET /times} answers when the first and the last X request and the last series request arrived
 * (epoch milliseconds, space separated, 0 for none: where a run's time goes);
 * {@code GET /stop} ends the process.
 */
public final class BenchPeer {

    public static final String TOKEN = "bench-bearer-token";

    private BenchPeer() {
    }

    public static void main(String[] args) throws Exception {
        Duration latency = Duration.ofMillis(Long.parseLong(args[0]));
        int accounts = Integer.parseInt(args[1]);
        String prefix = args[2];

        FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(TOKEN)).delayResponses(latency);
        // the original pattern sends one request per account: X's 300 per 15 minutes would stop it
        x.rateLimit(10_000_000, 10_000_000, Instant.now().plus(Duration.ofDays(1)));
        x.addAccounts(prefix, accounts);
        FakeDatadogApi dd = new FakeDatadogApi().start();
        Runnable delayDatadog = () -> {
            if (!latency.isZero()) {
                dd.delayNext(Integer.MAX_VALUE, latency);   // Integer.MAX_VALUE: for good
            }
        };
        delayDatadog.run();

        CountDownLatch stop = new CountDownLatch(1);
        HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/counts", ex -> {
            long ddBytes = 0;
            long ddSeries = 0;
            int ddRequests = 0;
            for (FakeDatadogApi.ReceivedRequest r : dd.requests()) {
                ddRequests++;
                ddBytes += Math.max(0, r.wireBytes());
                ddSeries += r.accepted().size();
            }
            reply(ex, x.requestCount() + " " + ddRequests + " " + ddBytes + " " + ddSeries);
        });
        control.createContext("/reset", ex -> {
            x.clearJournal();
            dd.reset();
            delayDatadog.run();
            reply(ex, "ok");
        });
        control.createContext("/last-series", ex -> {
            byte[] body = dd.lastSeriesBody();
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        control.createContext("/times", ex -> {
            List<FakePeer.RecordedRequest> xs = x.requests();
            Instant series = dd.lastSeriesAt();
            reply(ex, (xs.isEmpty() ? 0 : xs.get(0).at().toEpochMilli()) + " "
                    + (xs.isEmpty() ? 0 : xs.get(xs.size() - 1).at().toEpochMilli()) + " "
                    + (series == null ? 0 : series.toEpochMilli()));
        });
        control.createContext("/stop", ex -> {
            reply(ex, "bye");
            stop.countDown();
        });
        control.start();

        System.out.println("x=" + x.baseUrl() + " dd=" + dd.baseUrl() + " control=http://127.0.0.1:"
                + control.getAddress().getPort() + " key=" + dd.apiKey() + " token=" + TOKEN);
        System.out.flush();
        stop.await();
        control.stop(0);
        x.close();
        dd.close();
        System.exit(0);
    }

    private static void reply(HttpExchange ex, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
