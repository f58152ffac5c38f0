package io.github.twitterstats.wiring;

import com.sun.net.httpserver.HttpExchange;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * SnapStart priming ({@link Wiring#prime()}): whole metrics runs through a real {@link Wiring}, against a loopback
 * server inside this process, as the deployed function makes them: the X and DataDog secrets from Secrets Manager,
 * the list from SSM and the spool in S3, all answered by that server (signed with whatever AWS credentials the
 * process has: nothing leaves it), with placeholder X and DataDog keys. Where that cannot run (no AWS region, as
 * outside a Lambda), the same runs with the keys in the configuration and a throw-away spool directory.
 */
final class Priming {

    /** Runs made, so the per-account loops are compiled as in a warm container. */
    static final int RUNS = 3;
    private static final String PLACEHOLDER = "priming-placeholder-not-a-credential";

    private Priming() {
    }

    /**
     * The runs on the deployed path, else on the local one (with its spool directory made, and removed again, inside
     * {@code scratch}); empty when both failed.
     */
    static Optional<RunSummary> run(Path scratch) {
        try (Peer peer = Peer.start()) {
            return deployed(peer).or(() -> local(peer, scratch));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The runs as the deployed function makes them: secrets, the SSM list and the S3 spool, all from {@code peer}. */
    static Optional<RunSummary> deployed(Peer peer) {
        return runs(Map.of(
                Env.ACCOUNTS_PARAMETER.name(), Peer.PARAMETER,
                Env.X_CREDENTIALS_SECRET.name(), Peer.X_SECRET,
                Env.DD_CREDENTIALS_SECRET.name(), Peer.DATADOG_SECRET,
                Env.SPOOL_BUCKET.name(), Peer.BUCKET,
                Env.AWS_ENDPOINT_URL.name(), peer.url(),
                Env.X_API_URL.name(), peer.url(),
                Env.DD_API_URL.name(), peer.url()));
    }

    /** The runs with the keys in the configuration and a spool directory inside {@code scratch}. */
    static Optional<RunSummary> local(Peer peer, Path scratch) {
        Path spool;
        try {
            spool = Files.createTempDirectory(scratch, "twitter-stats-priming");
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            return runs(Map.of(
                    Env.ACCOUNTS.name(), String.join(";", Peer.HANDLES),
                    Env.X_API_URL.name(), peer.url(),
                    Env.X_BEARER_TOKEN.name(), PLACEHOLDER,
                    Env.DD_API_URL.name(), peer.url(),
                    Env.DD_API_KEY.name(), PLACEHOLDER,
                    Env.SPOOL_DIR.name(), spool.toString()));
        } finally {
            try (Stream<Path> left = Files.walk(spool)) {
                left.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory: the platform clears it
            }
        }
    }

    /** {@value #RUNS} metrics runs with this configuration; empty when one failed. */
    private static Optional<RunSummary> runs(Map<String, String> env) {
        Clock clock = Clock.systemUTC();
        try {
            Wiring wiring = new Wiring(Config.from(env),
                    Wiring.jsonLog(new PrintStream(OutputStream.nullOutputStream()), clock), clock);
            AccountList accounts = wiring.accounts(Optional.empty());
            RunSummary last = null;
            for (int run = 0; run < RUNS; run++) {
                last = wiring.metricsRun(accounts).execute(accounts, Deadline.after(Duration.ofSeconds(10), clock))
                        .summary();
            }
            return Optional.of(last);
        } catch (RuntimeException e) {
            // priming is an optimisation: the snapshot is still correct, only colder
            return Optional.empty();
        }
    }

    /**
     * The priming runs' X, DataDog and AWS: a loopback HTTP server in this process that answers X's users/by with its
     * 100 users, DataDog's series intake with 202, Secrets Manager and SSM (AWS JSON) with the placeholder secrets and
     * the list, and S3 (path-style) with an empty spool that takes and deletes objects.
     */
    static final class Peer implements AutoCloseable {
        /** A full X request's worth (100 users), so the per-account loops run as often as a real run's. */
        static final List<String> HANDLES = IntStream.rangeClosed(1, 100).mapToObj(i -> "priming" + i).toList();
        private static final byte[] USERS = HANDLES.stream()
                .map(handle -> "{\"id\":\"" + handle.substring("priming".length()) + "\",\"name\":\"Priming\","
                        + "\"username\":\"" + handle + "\",\"public_metrics\":{\"followers_count\":1,"
                        + "\"following_count\":1,\"tweet_count\":1,\"listed_count\":1}}")
                .collect(Collectors.joining(",", "{\"data\":[", "]}")).getBytes(StandardCharsets.UTF_8);
        private static final byte[] ACCEPTED = "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8);
        static final String PARAMETER = "/twitter-stats-priming/accounts";
        static final String X_SECRET = "twitter-stats-priming/x";
        static final String DATADOG_SECRET = "twitter-stats-priming/datadog";
        static final String BUCKET = "twitter-stats-priming-spool";

        private final HttpServer server;

        private Peer(HttpServer server) {
            this.server = server;
        }

        static Peer start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    byte[] request = exchange.getRequestBody().readAllBytes();
                    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                    String path = exchange.getRequestURI().getPath();
                    if (target != null) {
                        answer(exchange, 200, "application/x-amz-json-1.1", aws(target, request));
                    } else if (path.startsWith("/" + BUCKET)) {
                        s3(exchange, request);
                    } else {
                        xOrDatadog(exchange, path.startsWith("/2/"));
                    }
                }
            });
            server.start();
            return new Peer(server);
        }

        /** Secrets Manager's GetSecretValue (the secret the request names) or SSM's GetParameter (the list). */
        private static byte[] aws(String target, byte[] request) {
            String body;
            if (target.endsWith(".GetParameter")) {
                body = "{\"Parameter\":{\"Name\":\"" + PARAMETER + "\",\"Type\":\"String\",\"Value\":\""
                        + String.join(";", HANDLES) + "\",\"Version\":1}}";
            } else {
                boolean x = new String(request, StandardCharsets.UTF_8).contains(X_SECRET);
                body = "{\"Name\":\"priming\",\"SecretString\":\"{\\\"" + (x ? "bearer_token" : "api_key")
                        + "\\\":\\\"" + PLACEHOLDER + "\\\"}\"}";
            }
            return body.getBytes(StandardCharsets.UTF_8);
        }

        /** The spool bucket, path-style: an empty listing, a PUT taken (its ETag the body's MD5), a DELETE done. */
        private static void s3(HttpExchange exchange, byte[] request) throws IOException {
            switch (exchange.getRequestMethod()) {
                case "GET" -> answer(exchange, 200, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + BUCKET
                        + "</Name><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                        + "</ListBucketResult>")
                        .getBytes(StandardCharsets.UTF_8));
                case "PUT" -> {
                    exchange.getResponseHeaders().set("ETag", "\"" + md5Hex(request) + "\"");
                    answer(exchange, 200, "application/xml", new byte[0]);
                }
                default -> {
                    exchange.sendResponseHeaders(204, -1);
                }
            }
        }

        private static void xOrDatadog(HttpExchange exchange, boolean x) throws IOException {
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

        private static void answer(HttpExchange exchange, int status, String contentType, byte[] body)
                throws IOException {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }

        private static String md5Hex(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no MD5", e);
            }
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
