package io.github.twitterstats.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What every strict loopback peer of a social network (X, Bluesky, Mastodon) shares: a WireMock
 * server on 127.0.0.1 whose one transformer answers every request from the subclass's
 * {@link #route}; queued faults served in order to the next requests that reach an endpoint
 * (429 with reset headers, a status, malformed JSON, a reset connection, an empty response); a
 * fixed-window rate limit per endpoint; a delay for every answer; a journal of every request; and
 * {@link #problems()}, every request the peer refused as invalid (and any bug of its own), which a
 * client that keeps to the protocol leaves empty.
 *
 * @param <P> the peer itself, so that the fault methods chain on the subclass's type
 */
public abstract class FakePeer<P extends FakePeer<P>> implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final Deque<Injected> faults = new ArrayDeque<>();
    private final List<RecordedRequest> journal = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    protected FakePeer() {
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .disableRequestJournal()
                .extensions(new Router()));
    }

    protected final void startServer() {
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));   // the router answers instead
    }

    /** Scheme, host and port, no path. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---------------------------------------------------------------- what a subclass provides

    /** The answer to one request, faults not yet applied; {@link #served} decides which requests take faults. */
    protected abstract Answer route(Request request);

    /** The answer 429 with {@code window}'s headers in the network's shape, {@code reset} as the reset time. */
    protected abstract Answer tooManyRequestsAnswer(Window window, Instant reset);

    /** A 200 whose body is cut off mid-way (not JSON), with {@code window}'s headers. */
    protected abstract Answer malformedAnswer(Window window);

    /** The answer to a queued failure status (or to a bug of the peer, 500), in the network's error shape. */
    protected abstract Answer errorAnswer(int status);

    /**
     * What a subclass calls for a request that reached an endpoint limited by {@code window}: the
     * next queued fault if there is one, else 429 if the window is used up, else {@code endpoint}.
     */
    protected final Answer served(Window window, Supplier<Answer> endpoint) {
        Injected fault;
        synchronized (this) {
            fault = faults.pollFirst();
        }
        if (fault == null) {
            return window.take() ? endpoint.get() : tooManyRequestsAnswer(window, window.reset());
        }
        if (fault.fault() != null) {
            return new Answer(0, Map.of(), "", fault.fault());
        }
        if (fault.status() == 429) {
            return tooManyRequestsAnswer(window, fault.reset());
        }
        if (fault.malformed()) {
            return malformedAnswer(window);
        }
        return errorAnswer(fault.status());
    }

    protected final void problem(String problem) {
        problems.add(problem);
    }

    // ---------------------------------------------------------------- faults

    /** The next {@code times} requests answer 429 with the reset header at {@code reset}. */
    public synchronized P tooManyRequests(int times, Instant reset) {
        return inject(times, new Injected(429, null, reset, false));
    }

    /** The next {@code times} requests answer {@code status} (a 5xx, say) in the network's error shape. */
    public synchronized P failWith(int status, int times) {
        return inject(times, new Injected(status, null, null, false));
    }

    /** The next {@code times} requests answer 200 with a body that is not JSON. */
    public synchronized P malformedJson(int times) {
        return inject(times, new Injected(200, null, null, true));
    }

    /** The next {@code times} requests have their connection reset (TCP RST). */
    public synchronized P dropConnections(int times) {
        return inject(times, new Injected(0, Fault.CONNECTION_RESET_BY_PEER, null, false));
    }

    /** The next {@code times} requests are closed without any answer. */
    public synchronized P emptyResponses(int times) {
        return inject(times, new Injected(0, Fault.EMPTY_RESPONSE, null, false));
    }

    /** Every answer (faults included) is held back this long. */
    public P delayResponses(Duration delay) {
        this.delay = delay;
        return self();
    }

    private P inject(int times, Injected fault) {
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
        return self();
    }

    @SuppressWarnings("unchecked")   // P is the subclass by the class's contract
    private P self() {
        return (P) this;
    }

    private record Injected(int status, Fault fault, Instant reset, boolean malformed) { }

    // ---------------------------------------------------------------- journal

    /** Every request received, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(journal);
    }

    public int requestCount() {
        return journal.size();
    }

    public void clearJournal() {
        journal.clear();
    }

    /** Why this peer refused requests as invalid, and any bug of its own: empty for a client that keeps to the protocol. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** One request as received. {@code headers} has lower-case names; {@code answer} is the status served or the fault's name. */
    public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> query,
                                  Map<String, String> headers, String answer, Instant at) {

        public List<String> params(String name) {
            return query.getOrDefault(name, List.of());
        }

        /** The first value of query parameter {@code name}, or null. */
        public String param(String name) {
            List<String> values = params(name);
            return values.isEmpty() ? null : values.get(0);
        }

        /** The first value of {@code name} split at commas (X's list style); empty if absent or empty. */
        public List<String> commaSeparated(String name) {
            String value = param(name);
            return value == null || value.isEmpty() ? List.of() : List.of(value.split(",", -1));
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    // ---------------------------------------------------------------- serving

    /** One answer: a status, headers and a body, or a connection fault. */
    protected record Answer(int status, Map<String, String> headers, String body, Fault fault) {
        public static Answer of(int status, Map<String, String> headers, Object body) {
            return new Answer(status, headers, body instanceof String s ? s : write(body), null);
        }
    }

    private final class Router implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request request = serveEvent.getRequest();
            Answer answer;
            try {
                answer = route(request);
            } catch (RuntimeException bug) {
                bug.printStackTrace();
                problems.add(FakePeer.this.getClass().getSimpleName() + " bug: " + bug);
                answer = errorAnswer(500);
            }
            record(request, answer);
            ResponseDefinitionBuilder response = aResponse();
            if (!delay.isZero()) {
                response.withFixedDelay(Math.toIntExact(delay.toMillis()));
            }
            if (answer.fault() != null) {
                return response.withFault(answer.fault()).build();
            }
            response.withStatus(answer.status()).withHeader("content-type", "application/json; charset=utf-8");
            answer.headers().forEach(response::withHeader);
            return response.withBody(answer.body()).build();
        }

        @Override
        public String getName() {
            return "fake-peer-" + FakePeer.this.getClass().getSimpleName();
        }
    }

    private void record(Request request, Answer answer) {
        URI uri = URI.create(request.getUrl());
        Map<String, String> headers = new TreeMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key().toLowerCase(Locale.ROOT), String.join(",", header.values()));
        }
        journal.add(new RecordedRequest(request.getMethod().getName(), uri.getRawPath(), uri.getRawQuery(),
                parseQuery(uri.getRawQuery()), Collections.unmodifiableMap(headers),
                answer.fault() != null ? answer.fault().name() : Integer.toString(answer.status()), Instant.now()));
    }

    /** Query parameters, decoded as application/x-www-form-urlencoded, in order, repeated names kept. */
    protected static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    protected static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixed-window rate limit: {@code limit} requests per {@code period} (each endpoint has its own at X). */
    protected static final class Window {
        private final Duration period;
        private int limit;
        private int remaining;
        private Instant reset;

        Window(int limit, Duration period) {
            this.period = period;
            this.limit = limit;
            this.remaining = limit;
            this.reset = Instant.now().plus(period);
        }

        synchronized void set(int limit, int remaining, Instant reset) {
            this.limit = limit;
            this.remaining = remaining;
            this.reset = reset;
        }

        /** Counts one request; false when the window is used up. */
        synchronized boolean take() {
            if (Instant.now().isAfter(reset)) {
                reset = Instant.now().plus(period);
                remaining = limit;
            }
            if (remaining <= 0) {
                return false;
            }
            remaining--;
            return true;
        }

        synchronized int limit() {
            return limit;
        }

        synchronized int remaining() {
            return remaining;
        }

        synchronized Instant reset() {
            return reset;
        }
    }
}
