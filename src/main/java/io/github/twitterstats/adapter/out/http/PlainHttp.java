package io.github.twitterstats.adapter.out.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange over the JDK's {@link HttpURLConnection}, answered as a value: the one HTTP
 * set-up of the adapters that talk to a server directly (DataDog's series and dashboards, Bluesky,
 * Mastodon). Connections are kept alive by the JDK for the next request to the same server.
 * <p>
 * Why not {@code java.net.http.HttpClient}: on JDK 17 it cannot be closed, and its selector thread
 * waits in native code for the life of the JVM, so HotSpot's exit waits ~300 ms for it to block
 * (VM_Exit: up to 30 x 10 ms per thread in native) — a third of a cold CLI run. twitter4j already
 * loads {@code HttpURLConnection} for X, so this adds no classes.
 * <p>
 * A request with a body is sent in fixed-length streaming mode, so the JDK never sends it a second
 * time by itself when a connection drops ({@code sun.net.http.retryPost}): every attempt is one the
 * caller's retry policy sees. A GET without a body may be repeated once by the JDK after a
 * connection closed unanswered, as the JDK's other client does too.
 */
public final class PlainHttp {

    /** What one exchange produced. */
    public sealed interface Exchange permits Answered, NoAnswer { }

    /** The server answered; {@code headers} by case-insensitive name, each with its values. */
    public record Answered(int status, String body, Map<String, List<String>> headers) implements Exchange {
        public Answered {
            Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> {
                if (name != null) {
                    byName.put(name, List.copyOf(values));
                }
            });
            headers = java.util.Collections.unmodifiableMap(byName);
        }

        /** The first value of header {@code name}, if the answer has it. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /** No answer: refused or dropped connection, timeout, an answer that is not HTTP. */
    public record NoAnswer(IOException cause) implements Exchange { }

    private final int connectTimeoutMillis;
    private final boolean followRedirects;

    /** {@code followRedirects}: same-scheme redirects of a GET are followed (the JDK's rule). */
    public PlainHttp(Duration connectTimeout, boolean followRedirects) {
        this.connectTimeoutMillis = millis(connectTimeout, "connect timeout");
        this.followRedirects = followRedirects;
    }

    /**
     * Sends one request: {@code body} is null for none. {@code readTimeout} bounds each wait for the
     * server (the answer's first byte, and every read after it).
     */
    public Exchange send(String method, URI uri, Map<String, String> headers, byte[] body, Duration readTimeout) {
        Objects.requireNonNull(method, "method");
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(millis(readTimeout, "read timeout"));
            connection.setInstanceFollowRedirects(followRedirects);
            connection.setUseCaches(false);
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            String text;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answered(status, text, connection.getHeaderFields());
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            return new NoAnswer(e);
        }
    }

    private static int millis(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return (int) d.toMillis();
    }
}
