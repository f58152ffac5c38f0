package io.github.twitterstats.adapter.out.http;

import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.support.Backoff;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one retry policy of the keyless networks (Bluesky, Mastodon): a GET through one
 * {@link PlainHttp}, answered as a value.
 * <ul>
 *   <li>429: wait for the reset the answer names (+ a margin) when the {@link Deadline} allows it,
 *       at most {@value #MAX_RATE_LIMIT_WAITS} times, then ask again; otherwise {@link RateLimited}.
 *       A server that said it has no request left (remaining 0) is not asked again before its
 *       reset: the client waits for it the same way, or reports {@link RateLimited} without sending.</li>
 *   <li>5xx, 408, network errors (refused, reset, closed, timed out) and an answer the
 *       {@link Reader} cannot read (malformed JSON, a required field missing): retried with the
 *       {@link Backoff} (exponential, full jitter) while the deadline allows; then {@link Failed}.</li>
 *   <li>Any other status goes to the {@link Reader}, which turns it into the caller's value (200
 *       into metrics, 404 into not found, a 400 into a failure of its own).</li>
 * </ul>
 * Rate-limit state is per server ({@code server} names it): requests to one server respect that
 * server's headers, whatever the others say.
 */
public final class RetryingGet {

    public static final int MAX_RATE_LIMIT_WAITS = 3;
    private static final Map<String, String> ACCEPT_JSON = Map.of("accept", "application/json");

    private final String network;
    private final PlainHttp http;
    private final RateLimitHeaders rateLimitHeaders;
    private final Backoff backoff;
    private final Duration readTimeout;
    private final Duration rateLimitMargin;
    private final RunLog log;
    private final Clock clock;

    public RetryingGet(String network, RateLimitHeaders rateLimitHeaders, Settings settings) {
        this.network = Objects.requireNonNull(network, "network");
        this.rateLimitHeaders = Objects.requireNonNull(rateLimitHeaders, "rateLimitHeaders");
        this.backoff = settings.backoff();
        this.readTimeout = settings.readTimeout();
        this.rateLimitMargin = settings.rateLimitMargin();
        this.log = settings.log();
        this.clock = settings.clock();
        this.http = new PlainHttp(settings.connectTimeout(), true);
    }

    /** The options both adapters take; see their builders for the defaults. */
    public record Settings(Backoff backoff, Duration connectTimeout, Duration readTimeout, Duration rateLimitMargin,
                           RunLog log, Clock clock) {
        public Settings {
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(log, "log");
            Objects.requireNonNull(clock, "clock");
            positive(connectTimeout, "connect timeout");
            positive(readTimeout, "read timeout");
            if (rateLimitMargin == null || rateLimitMargin.isNegative()) {
                throw new IllegalArgumentException("rate limit margin must not be negative");
            }
        }

        public static Settings defaults() {
            return new Settings(Backoff.DEFAULT, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(500),
                    RunLog.SILENT, Clock.systemUTC());
        }

        public Settings withBackoff(Backoff b) {
            return new Settings(b, connectTimeout, readTimeout, rateLimitMargin, log, clock);
        }

        public Settings withTimeouts(Duration connect, Duration read) {
            return new Settings(backoff, connect, read, rateLimitMargin, log, clock);
        }

        public Settings withRateLimitMargin(Duration margin) {
            return new Settings(backoff, connectTimeout, readTimeout, margin, log, clock);
        }

        public Settings withLog(RunLog l) {
            return new Settings(backoff, connectTimeout, readTimeout, rateLimitMargin, l, clock);
        }

        public Settings withClock(Clock c) {
            return new Settings(backoff, connectTimeout, readTimeout, rateLimitMargin, log, c);
        }

        private static void positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " must be positive");
            }
        }
    }

    /** Turns an answer (any status but 429, 408 and 5xx) into the caller's value. */
    @FunctionalInterface
    public interface Reader<T> {
        /** @throws Unreadable when the body is not what the network documents (retried like a 5xx) */
        T read(int status, String body, Instant arrivedAt) throws Unreadable;
    }

    /** An answer that does not hold what the network documents. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** How one GET ended; {@code attempts} is every request it sent, repeats after a 429 included. */
    public sealed interface Outcome<T> {
        int attempts();
    }

    public record Read<T>(T value, int attempts) implements Outcome<T> { }

    /** The server's rate limit ran out and its reset does not fit the deadline (or it would not say when). */
    public record RateLimited<T>(String detail, int attempts) implements Outcome<T> { }

    /** Failed after its retries (or when the deadline left no time for another). */
    public record Failed<T>(String detail, int attempts) implements Outcome<T> { }

    /** The requests of one lookup: their count, and the rate-limit state of each server they went to. */
    public Session session(Deadline deadline) {
        return new Session(deadline);
    }

    public final class Session {
        private final Deadline deadline;
        private final AtomicInteger requests = new AtomicInteger();
        private final Map<String, Window> windows = new ConcurrentHashMap<>();
        private volatile long lowestRemaining = Long.MAX_VALUE;

        private Session(Deadline deadline) {
            this.deadline = Objects.requireNonNull(deadline, "deadline");
        }

        /** Every HTTP request sent in this session. */
        public int requests() {
            return requests.get();
        }

        /** The lowest remaining-requests count any server reported, if any did. */
        public OptionalLong lowestRateLimitRemaining() {
            long lowest = lowestRemaining;
            return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
        }

        public <T> Outcome<T> get(String server, URI uri, Map<String, Object> context, Reader<T> reader) {
            Window window = windows.computeIfAbsent(server, s -> new Window());
            int attempts = 0;
            int failures = 0;
            int rateLimitWaits = 0;
            while (true) {
                Optional<Instant> exhaustedUntil = window.exhaustedUntil(clock.instant());
                if (exhaustedUntil.isPresent()) {
                    Optional<String> refusal = waitForReset(server, exhaustedUntil.get(), rateLimitWaits, context);
                    if (refusal.isPresent()) {
                        return new RateLimited<>(refusal.get(), attempts);
                    }
                    rateLimitWaits++;
                }
                attempts++;
                requests.incrementAndGet();
                String problem;
                PlainHttp.Exchange exchange = http.send("GET", uri, ACCEPT_JSON, null, readTimeout);
                if (exchange instanceof PlainHttp.Answered response) {
                    Instant arrivedAt = clock.instant();
                    int status = response.status();
                    OptionalLong remaining = rateLimitHeaders.remaining(response);
                    Optional<Instant> reset = rateLimitHeaders.reset(response);
                    remaining.ifPresent(this::sawRemaining);
                    window.update(remaining, reset);
                    if (status == 429) {
                        if (reset.isEmpty()) {
                            log.event(Level.WARN, network + " answered 429 without a reset time",
                                    fields(context, "server", server));
                            return new RateLimited<>(network + " answered 429 without saying when to come back", attempts);
                        }
                        Optional<String> refusal = waitForReset(server, reset.get(), rateLimitWaits, context);
                        if (refusal.isPresent()) {
                            return new RateLimited<>(refusal.get(), attempts);
                        }
                        rateLimitWaits++;
                        continue;
                    }
                    if (status >= 500 || status == 408) {
                        problem = "status " + status;
                    } else {
                        try {
                            return new Read<>(reader.read(status, response.body(), arrivedAt), attempts);
                        } catch (Unreadable e) {
                            problem = "unreadable answer (status " + status + "): " + e.getMessage();
                        }
                    }
                } else {
                    IOException e = ((PlainHttp.NoAnswer) exchange).cause();
                    problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                failures++;
                Duration delay = backoff.delayAfter(failures);
                if (!backoff.allowsRetryAfter(failures) || !deadline.allows(delay)) {
                    log.event(Level.ERROR, network + " request failed after its retries",
                            fields(context, "server", server, "attempts", attempts, "problem", problem));
                    return new Failed<>(problem, attempts);
                }
                log.event(Level.WARN, network + " request failed; retrying",
                        fields(context, "server", server, "attempt", attempts, "problem", problem, "delay_ms", delay.toMillis()));
                Backoff.sleep(delay);
            }
        }

        /** Waits for {@code reset} (+ the margin) and returns empty, or says why it will not wait. */
        private Optional<String> waitForReset(String server, Instant reset, int waitsSoFar, Map<String, Object> context) {
            Duration wait = Duration.between(clock.instant(), reset);
            wait = (wait.isNegative() ? Duration.ZERO : wait).plus(rateLimitMargin);
            if (waitsSoFar >= MAX_RATE_LIMIT_WAITS || !deadline.allows(wait)) {
                log.event(Level.WARN, network + " rate limit reached; not waiting",
                        fields(context, "server", server, "reset", reset.toString(), "waits", waitsSoFar));
                return Optional.of(network + " rate limit reached until " + reset
                        + (waitsSoFar >= MAX_RATE_LIMIT_WAITS ? " after " + waitsSoFar + " waits" : ", after the deadline"));
            }
            log.event(Level.WARN, network + " rate limit reached; waiting for the reset",
                    fields(context, "server", server, "wait_ms", wait.toMillis()));
            Backoff.sleep(wait);
            return Optional.empty();
        }

        private void sawRemaining(long remaining) {
            synchronized (this) {
                lowestRemaining = Math.min(lowestRemaining, remaining);
            }
        }
    }

    private static Map<String, Object> fields(Map<String, Object> context, Object... more) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(context);
        all.putAll(RunLog.fields(more));
        return all;
    }

    /** One server's rate-limit state as its last answer stated it. */
    private static final class Window {
        private Instant exhaustedUntil;

        synchronized void update(OptionalLong remaining, Optional<Instant> reset) {
            if (remaining.isPresent() && remaining.getAsLong() <= 0 && reset.isPresent()) {
                exhaustedUntil = reset.get();
            }
        }

        synchronized Optional<Instant> exhaustedUntil(Instant now) {
            if (exhaustedUntil != null && now.isBefore(exhaustedUntil)) {
                return Optional.of(exhaustedUntil);
            }
            exhaustedUntil = null;
            return Optional.empty();
        }
    }
}
