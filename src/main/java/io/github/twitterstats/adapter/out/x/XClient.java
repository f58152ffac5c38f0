package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import twitter4j.HttpClient;
import twitter4j.HttpClientFactory;
import twitter4j.HttpParameter;
import twitter4j.HttpResponse;
import twitter4j.TwitterException;
import twitter4j.auth.Authorization;
import twitter4j.auth.AuthorizationFactory;
import twitter4j.conf.Configuration;
import twitter4j.conf.ConfigurationBuilder;

/**
 * The one way this program talks to X API v2: GET requests through twitter4j, with the contract's
 * error handling, for every endpoint ({@code /2/users/by} for metrics and for ids,
 * {@code /2/users/:id/tweets} for the backup). No twitter4j type escapes this class.
 *
 * <p>twitter4j does the work it is good at: its configuration holds the credentials and the
 * timeouts, its {@link Authorization} writes the {@code Authorization} header (app-only bearer, or
 * an OAuth 1.0a HMAC-SHA1 signature over the path and query), its {@link HttpClient} sends the
 * request. The v2 base URL is this class's own ({@code <base>/2/}): jp.takke.twitter4j-v2, whose
 * {@code V2Configuration} held it and nothing else used here, would bring the Kotlin runtime into
 * the jar and into every cold start; it stays on the test class path for {@code Twitter4jV2LimitsTest}.
 *
 * <p>It does not go through {@code TwitterV2}'s typed calls, because (measured against the loopback
 * fake, see {@code Twitter4jV2LimitsTest}) {@code getUsersBy} throws a {@code TwitterException} with
 * no status, headers or body ("JSONObject["data"] not found") when every name is unknown, so the
 * {@code errors[]} that say "not found" or "suspended" and the {@code x-rate-limit-remaining} of
 * that answer are lost; always sends an {@code expansions} parameter (the default,
 * {@code pinned_tweet_id}, adds posts to the answer, which X bills as post reads); and parses a
 * model without {@code media_count}, {@code post_count} and {@code errors} anyway. The backup needs
 * the raw body for another reason: the archive keeps posts exactly as X sent them. So the raw body
 * and headers of twitter4j's own {@link HttpResponse} are handed to a {@link BodyReader}
 * ({@link UsersByResponse}, {@link UserPostsResponse}).
 *
 * <p>{@link #get} applies the policy, per logical request:
 * <ul>
 *   <li>200: the body goes to the reader; a body that is not the documented JSON
 *       ({@link MalformedResponseException}) is retried like a 5xx, because a body cut short or an
 *       intermediary's error page is transient far more often than X changing its format.</li>
 *   <li>429: wait until {@code x-rate-limit-reset} (+ a margin) when the {@link Deadline} allows,
 *       then ask again (at most {@value #MAX_RATE_LIMIT_WAITS} waits); otherwise
 *       {@code rate_limited}, and the requests do not count as failed.</li>
 *   <li>5xx and network errors (refused, reset, timed out): retried with {@link Backoff}
 *       (exponential, full jitter) while the deadline allows; then {@code x_error}.</li>
 *   <li>401/403: {@link CredentialsRejectedException} for {@link io.github.twitterstats.domain.Service#X}
 *       at once, saying which kind of credentials X rejected, never a value; every other request of
 *       the same {@link Session} stops too.</li>
 *   <li>Other 4xx (a 400 "Invalid Request"): no retry, {@code x_error}.</li>
 * </ul>
 */
public final class XClient {

    static final int MAX_RATE_LIMIT_WAITS = 3;

    /** What one HTTP exchange produced. */
    sealed interface Reply {
        OptionalLong rateLimitRemaining();
    }

    /** A 2xx answer with its body, stamped with the moment it arrived. */
    record Ok(String body, Instant arrivedAt, OptionalLong rateLimitRemaining) implements Reply { }

    /** A non-2xx answer. {@code rateLimitReset} is {@code x-rate-limit-reset}, epoch seconds. */
    record HttpError(int status, OptionalLong rateLimitReset, OptionalLong rateLimitRemaining) implements Reply { }

    /** No HTTP answer: refused or dropped connection, timeout, a body cut short. */
    record NetworkError(String description) implements Reply {
        @Override
        public OptionalLong rateLimitRemaining() {
            return OptionalLong.empty();
        }
    }

    /** Thrown by a {@link BodyReader} when a 200's body is not the documented JSON. */
    static final class MalformedResponseException extends Exception {
        MalformedResponseException(String message) {
            super(message);
        }
    }

    /** Turns a 200's body into what the caller wants. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(String body, Instant arrivedAt) throws MalformedResponseException;
    }

    /** How one logical request (its retries and waits included) ended. */
    sealed interface Outcome<T> {
        /** HTTP requests sent for it. */
        int attempts();
    }

    /** X answered and the reader read the answer. */
    record Read<T>(T value, int attempts) implements Outcome<T> { }

    /**
     * Nothing usable: {@code rate_limited} (the reset is beyond the deadline) or {@code x_error}
     * (a refused request, or retries spent). {@code failedAttempts} is what counts as failed
     * requests: all attempts for an error, none for a rate limit.
     */
    record Unread<T>(FailureReason reason, String detail, int attempts, int failedAttempts) implements Outcome<T> {

        /** The same failure for each of {@code handles} (a batch nothing was learned about). */
        List<AccountFailure> failuresOf(List<Handle> handles) {
            return handles.stream().map(h -> AccountFailure.of(h, reason, detail)).toList();
        }
    }

    /**
     * The requests of one operation (a metrics lookup, resolving ids, one account's day), possibly
     * sent from several threads: one deadline, one request count, the lowest
     * {@code x-rate-limit-remaining} seen, and one stop once X rejects the credentials.
     */
    static final class Session {
        private final Deadline deadline;
        private final AtomicInteger requests = new AtomicInteger();
        private final LongAccumulator lowestRemaining = new LongAccumulator(Math::min, Long.MAX_VALUE);
        private volatile CredentialsRejectedException rejected;

        Session(Deadline deadline) {
            this.deadline = deadline;
        }

        /** Every HTTP request sent, retries and post-429 repeats included: what the quota and the bill see. */
        int requests() {
            return requests.get();
        }

        OptionalLong lowestRateLimitRemaining() {
            long lowest = lowestRemaining.get();
            return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
        }
    }

    /**
     * Per-request timeouts (a connection that cannot be opened, or an answer that stalls, becomes a
     * retryable error), the margin added to the wait for {@code x-rate-limit-reset} (which has
     * one-second resolution), and the retry schedule.
     */
    record Tuning(Duration connectTimeout, Duration readTimeout, Duration rateLimitMargin, Backoff backoff) {

        /** Connect 5 s, read 10 s, rate-limit margin 500 ms, {@link Backoff#DEFAULT}. */
        static final Tuning DEFAULT = new Tuning(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(500),
                Backoff.DEFAULT);

        Tuning {
            positive(connectTimeout, "connect timeout");
            positive(readTimeout, "read timeout");
            if (rateLimitMargin.isNegative()) {
                throw new IllegalArgumentException("rate limit margin must not be negative");
            }
            Objects.requireNonNull(backoff, "backoff");
        }

        private static void positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(what + " must be positive");
            }
        }
    }

    private final HttpClient http;
    private final Authorization authorization;
    private final String base;
    private final XCredentials credentials;
    private final Backoff backoff;
    private final RunLog log;
    private final Clock clock;
    private final Duration rateLimitMargin;

    XClient(XCredentials credentials, URI baseUrl, Tuning tuning, RunLog log, Clock clock) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Twitter4jLogging.silence();
        Configuration conf = configuration(credentials, tuning.connectTimeout(), tuning.readTimeout());
        String root = baseUrl.toString().replaceAll("/+$", "");
        this.base = root + "/2/";
        this.http = HttpClientFactory.getInstance(conf.getHttpClientConfiguration());
        this.authorization = AuthorizationFactory.getInstance(conf);
        this.credentials = credentials;
        this.backoff = tuning.backoff();
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rateLimitMargin = tuning.rateLimitMargin();
    }

    /**
     * The one X client of a container (or CLI run), shared by {@link XMetricsSource},
     * {@link XAccountDirectory} and {@link XPostSource}: connect 5 s, read 10 s, {@link Backoff#DEFAULT}.
     */
    public static XClient create(XCredentials credentials, URI apiBaseUrl, RunLog log, Clock clock) {
        return new XClient(credentials, apiBaseUrl, Tuning.DEFAULT, log, clock);
    }

    Session session(Deadline deadline) {
        return new Session(deadline);
    }

    /** The full URL of {@code path}, which is relative to {@code /2/} (e.g. {@code users/12/tweets}). */
    String url(String path) {
        return base + path;
    }

    /**
     * GET {@code path} with {@code query} (sent in its iteration order) under the policy above.
     * {@code context} goes into every log event (never a secret).
     */
    <T> Outcome<T> get(Session session, String path, Map<String, String> query, Map<String, Object> context,
                       BodyReader<T> reader) {
        int spent = 0;
        int errorAttempts = 0;
        int rateLimitWaits = 0;
        while (true) {
            if (session.rejected != null) {
                throw session.rejected;
            }
            session.requests.incrementAndGet();
            spent++;
            Reply reply = exchange(path, query);
            reply.rateLimitRemaining().ifPresent(session.lowestRemaining::accumulate);

            String problem;
            if (reply instanceof Ok ok) {
                try {
                    return new Read<>(reader.read(ok.body(), ok.arrivedAt()), spent);
                } catch (MalformedResponseException e) {
                    problem = e.getMessage();
                }
            } else if (reply instanceof HttpError error) {
                int status = error.status();
                if (status == 401 || status == 403) {
                    session.rejected = new CredentialsRejectedException(Service.X, rejectionMessage(status, path));
                    throw session.rejected;
                }
                if (status == 429) {
                    Duration wait = waitForReset(error.rateLimitReset());
                    if (wait != null && rateLimitWaits < MAX_RATE_LIMIT_WAITS && session.deadline.allows(wait)) {
                        rateLimitWaits++;
                        log.event(Level.WARN, "X rate limit reached; waiting for the reset",
                                fields(context, spent, "wait_ms", wait.toMillis()));
                        Backoff.sleep(wait);
                        continue;
                    }
                    String detail = wait == null
                            ? "X answered 429 without a usable x-rate-limit-reset"
                            : "X rate limit reached; its reset is " + wait.toSeconds() + " s away, beyond the time left";
                    log.event(Level.WARN, "X rate limit reached; not waiting",
                            fields(context, spent, "wait_ms", wait == null ? -1 : wait.toMillis()));
                    return new Unread<>(FailureReason.RATE_LIMITED, detail, spent, 0);
                }
                if (status < 500) {
                    log.event(Level.ERROR, "X refused the request", fields(context, spent, "status", status));
                    return new Unread<>(FailureReason.X_ERROR, "X answered HTTP " + status + " to " + url(path),
                            spent, spent);
                }
                problem = "X answered HTTP " + status;
            } else {
                problem = "X request failed: " + ((NetworkError) reply).description();
            }

            errorAttempts++;
            Duration delay = backoff.allowsRetryAfter(errorAttempts) ? backoff.delayAfter(errorAttempts) : null;
            if (delay == null || !session.deadline.allows(delay)) {
                log.event(Level.ERROR, "X request failed after its retries", fields(context, spent, "problem", problem));
                return new Unread<>(FailureReason.X_ERROR, problem + " (after " + errorAttempts + " attempts)",
                        spent, spent);
            }
            log.event(Level.WARN, "X request failed; retrying", fields(context, spent,
                    "problem", problem, "delay_ms", delay.toMillis()));
            Backoff.sleep(delay);
        }
    }

    /** One HTTP exchange, no policy. */
    Reply exchange(String path, Map<String, String> query) {
        HttpParameter[] params = query.entrySet().stream()
                .map(e -> new HttpParameter(e.getKey(), e.getValue()))
                .toArray(HttpParameter[]::new);
        try {
            HttpResponse response = http.get(url(path), params, authorization, null);
            String body = response.asString();
            return new Ok(body, clock.instant(), header(response.getResponseHeader("x-rate-limit-remaining")));
        } catch (TwitterException e) {
            if (e.getCause() instanceof IOException || e.getStatusCode() <= 0) {
                return new NetworkError(describe(e.getCause() == null ? e : e.getCause()));
            }
            return new HttpError(e.getStatusCode(), header(responseHeader(e, "x-rate-limit-reset")),
                    header(responseHeader(e, "x-rate-limit-remaining")));
        }
    }

    /** How long until {@code x-rate-limit-reset} (epoch seconds) plus the margin; null if unknown. */
    private Duration waitForReset(OptionalLong resetEpochSeconds) {
        if (resetEpochSeconds.isEmpty()) {
            return null;
        }
        Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(resetEpochSeconds.getAsLong()));
        return (untilReset.isNegative() ? Duration.ZERO : untilReset).plus(rateLimitMargin);
    }

    private String rejectionMessage(int status, String path) {
        String which = credentials instanceof XCredentials.BearerToken
                ? "the bearer token was used"
                : "the OAuth 1.0a user-context credentials were used";
        String why = status == 401
                ? "X rejected the credentials (HTTP 401)"
                : "X refused access (HTTP 403): the credentials are not allowed to read "
                        + (path.endsWith("/tweets") ? "posts" : "users");
        return why + "; " + which;
    }

    /** What the log events of a {@code /2/users/by} batch say about it: how many accounts, and the first of them. */
    static Map<String, Object> logContext(List<Handle> batch) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("accounts", batch.size());
        fields.put("first_account", batch.get(0).value());
        return fields;
    }

    private static Map<String, Object> fields(Map<String, Object> context, int attempt, Object... more) {
        Map<String, Object> fields = new LinkedHashMap<>(context);
        fields.put("attempt", attempt);
        fields.putAll(RunLog.fields(more));
        return fields;
    }

    private static Configuration configuration(XCredentials credentials, Duration connectTimeout, Duration readTimeout) {
        ConfigurationBuilder builder = new ConfigurationBuilder()
                .setDebugEnabled(false)
                .setPrettyDebugEnabled(false)
                .setHttpRetryCount(0)                 // retries are ours: Backoff with jitter, counted
                .setHttpConnectionTimeout(Math.toIntExact(connectTimeout.toMillis()))
                .setHttpReadTimeout(Math.toIntExact(readTimeout.toMillis()))
                .setJSONStoreEnabled(false)
                .setTrimUserEnabled(false);
        if (credentials instanceof XCredentials.BearerToken bearer) {
            builder.setApplicationOnlyAuthEnabled(true)
                    // twitter4j needs a consumer pair to build app-only auth, though a pre-issued token never uses it
                    .setOAuthConsumerKey("unused")
                    .setOAuthConsumerSecret("unused")
                    .setOAuth2TokenType("bearer")
                    .setOAuth2AccessToken(decodePastedToken(bearer.token()));
        } else if (credentials instanceof XCredentials.UserContext user) {
            builder.setApplicationOnlyAuthEnabled(false)
                    .setOAuthConsumerKey(user.consumerKey())
                    .setOAuthConsumerSecret(user.consumerSecret())
                    .setOAuthAccessToken(user.accessToken())
                    .setOAuthAccessTokenSecret(user.accessTokenSecret());
        }
        return builder.build();
    }

    /**
     * The developer portal shows the bearer token URL-encoded ({@code %2B}, {@code %3D}) and
     * twitter4j URL-encodes the token again when it writes the header, so a pasted token is decoded
     * first. Only {@code %XX} escapes are decoded: a literal {@code +} is kept, not turned into a space.
     */
    static String decodePastedToken(String token) {
        if (!token.contains("%")) {
            return token;
        }
        try {
            return URLDecoder.decode(token.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return token;
        }
    }

    /**
     * twitter4j 4.0.7's {@code TwitterException.getResponseHeader} throws a NullPointerException
     * when the answer lacks the header (measured: a 503 without rate-limit headers).
     */
    private static String responseHeader(TwitterException e, String name) {
        try {
            return e.getResponseHeader(name);
        } catch (NullPointerException absent) {
            return null;
        }
    }

    private static OptionalLong header(String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
