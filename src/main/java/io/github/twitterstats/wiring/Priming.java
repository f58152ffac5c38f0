package io.github.twitterstats.wiring;

import com.sun.net.httpserver.HttpServer;
import io.github.twitterstats.config.Config;
import io.github.twitterstats.config.Env;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.RunSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * SnapStart priming ({@link Wiring#prime()}): whole metrics runs through a real {@link Wiring}, against a loopback
 * server inside this process, with placeholder credentials and a throw-away spool directory.
 */
final class Priming {

    /** Runs made, so the per-account loops are compiled as in a warm container. */
    static final int RUNS = 3;
    private static final String PLACEHOLDER = "priming-placeholder-not-a-credential";

    private Priming() {
    }

    /** The runs, with their spool directory made, and removed again, inside {@code scratch}; empty when they failed. */
    static Optional<RunSummary> run(Path scratch) {
        Clock clock = Clock.systemUTC();
        try (Peer peer = Peer.start()) {
            Path spool = Files.createTempDirectory(scratch, "twitter-stats-priming");
            try {
                Map<String, String> env = Map.of(
                        Env.ACCOUNTS.name(), String.join(";", Peer.HANDLES),
                        Env.X_API_URL.name(), peer.url(),
                        Env.X_BEARER_TOKEN.name(), PLACEHOLDER,
                        Env.DD_API_URL.name(), peer.url(),
                        Env.DD_API_KEY.name(), PLACEHOLDER,
                        Env.SPOOL_DIR.name(), spool.toString());
                Wiring wiring = new Wiring(Config.from(env),
                        Wiring.jsonLog(new PrintStream(OutputStream.nullOutputStream()), clock), clock);
                AccountList accounts = wiring.accounts(Optional.empty());
                RunSummary last = null;
                for (int run = 0; run < RUNS; run++) {
                    last = wiring.metricsRun(accounts).execute(accounts, Deadline.after(Duration.ofSeconds(10), clock))
                            .summary();
                }
                return Optional.of(last);
            } finally {
                try (Stream<Path> left = Files.walk(spool)) {
                    left.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        } catch (IOException | RuntimeException e) {
            // priming is an optimisation: the snapshot is still correct, only colder
            return Optional.empty();
        }
    }

    /**
     * The priming runs' X and DataDog: a loopback HTTP server in this process that answers X's users/by with its 100
     * users and DataDog's series intake with 202.
     */
    private static final class Peer implements AutoCloseable {
        /** A full X request's worth (100 users), so the per-account loops run as often as a real run's. */
        static final List<String> HANDLES = IntStream.rangeClosed(1, 100).mapToObj(i -> "priming" + i).toList();
        private static final byte[] USERS = HANDLES.stream()
                .map(handle -> "{\"id\":\"" + handle.substring("priming".length()) + "\",\"name\":\"Priming\","
                        + "\"username\":\"" + handle + "\",\"public_metrics\":{\"followers_count\":1,"
                        + "\"following_count\":1,\"tweet_count\":1,\"listed_count\":1}}")
                .collect(Collectors.joining(",", "{\"data\":[", "]}")).getBytes(StandardCharsets.UTF_8);
        private static final byte[] ACCEPTED = "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8);

        private final HttpServer server;

        private Peer(HttpServer server) {
            this.server = server;
        }

        static Peer start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    boolean x = exchange.getRequestURI().getPath().startsWith("/2/");
                    String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
                    // as X and DataDog answer: gzip where asked for, chunked (the readers' decoding path is primed too)
                    boolean gzip = accepted != null && accepted.contains("gzip");
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    if (gzip) {
                        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                    }
                    exchange.sendResponseHeaders(x ? 200 : 202, 0);
                    try (OutputStream out = gzip ? new GZIPOutputStream(exchange.getResponseBody())
                            : exchange.getResponseBody()) {
                        out.write(x ? USERS : ACCEPTED);
                    }
                }
            });
            server.start();
            return new Peer(server);
        }

        String url() {
            return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
