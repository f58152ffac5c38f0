package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Deadline;
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
import java.util.Map;
import java.util.OptionalLong;
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
 * GET requests to X API v2 for the backup, through twitter4j's HTTP client and authorization
 * (bearer or OAuth 1.0a signature), with the contract's error handling: 429 waits for
 * {@code x-rate-limit-reset} when the deadline allows, 5xx and network errors are retried with
 * {@link Backoff}, 401/403 throw {@link CredentialsRejectedException}. Bodies come back raw: the
 * archive keeps posts exactly as X sent them, which twitter4j's models would not.
 *
 * <p>TODO(merge x-adapter): the twitter4j configuration below mirrors XUsersClient's on branch
 * x-adapter; once main has it, build both from one place.
 */
final class XApi {

    static final int MAX_RATE_LIMIT_WAITS = 3;
    private static final Duration RATE_LIMIT_MARGIN = Duration.ofMillis(500);

    /** How one logical call ended. */
    sealed interface Result {
        int requests();
    }

    record Ok(String body, int requests) implements Result { }

    /** The quota is used up and its reset is beyond the deadline. */
    record RateLimited(String detail, int requests) implements Result { }

    /** A non-retryable answer or retries exhausted. */
    record Failed(String detail, int requests) implements Result { }

    private final HttpClient http;
    private final Authorization authorization;
    private final String base;
    private final XCredentials credentials;
    private final Backoff backoff;
    private final RunLog log;
    private final Clock clock;

    XApi(XCredentials credentials, URI baseUrl, Backoff backoff, RunLog log, Clock clock) {
        Configuration conf = configuration(credentials);
        this.http = HttpClientFactory.getInstance(conf.getHttpClientConfiguration());
        this.authorization = AuthorizationFactory.getInstance(conf);
        this.base = baseUrl.toString().replaceAll("/+$", "") + "/2/";
        this.credentials = credentials;
        this.backoff = backoff;
        this.log = log;
        this.clock = clock;
    }

    /** {@code path} is relative to {@code /2/}, e.g. {@code users/12/tweets}. */
    Result get(String path, Deadline deadline, HttpParameter... params) {
        String url = base + path;
        int requests = 0;
        int errorAttempts = 0;
        int rateLimitWaits = 0;
        while (true) {
            requests++;
            String problem;
            try {
                HttpResponse response = http.get(url, params, authorization, null);
                return new Ok(response.asString(), requests);
            } catch (TwitterException e) {
                int status = e.getStatusCode();
                if (e.getCause() instanceof IOException || status <= 0) {
                    problem = "X request failed: " + e.getCause();
                } else if (status == 401 || status == 403) {
                    throw new CredentialsRejectedException(rejection(status));
                } else if (status == 429) {
                    Duration wait = untilReset(e.getResponseHeader("x-rate-limit-reset"));
                    if (wait != null && rateLimitWaits < MAX_RATE_LIMIT_WAITS && deadline.allows(wait)) {
                        rateLimitWaits++;
                        log.event("WARN", "X rate limit reached; waiting for the reset",
                                Map.of("path", path, "wait_ms", wait.toMillis()));
                        Backoff.sleep(wait);
                        continue;
                    }
                    return new RateLimited(wait == null ? "X answered 429 without a usable x-rate-limit-reset"
                            : "X rate limit reached; its reset is " + wait.toSeconds() + " s away, beyond the time left",
                            requests);
                } else if (status < 500) {
                    return new Failed("X answered HTTP " + status + " to " + url, requests);
                } else {
                    problem = "X answered HTTP " + status;
                }
            }
            errorAttempts++;
            Duration delay = backoff.allowsRetryAfter(errorAttempts) ? backoff.delayAfter(errorAttempts) : null;
            if (delay == null || !deadline.allows(delay)) {
                return new Failed(problem + " (after " + errorAttempts + " attempts)", requests);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("path", path);
            fields.put("problem", problem);
            fields.put("delay_ms", delay.toMillis());
            log.event("WARN", "X request failed; retrying", fields);
            Backoff.sleep(delay);
        }
    }

    private Duration untilReset(String header) {
        if (header == null) {
            return null;
        }
        try {
            Duration left = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(header.trim())));
            return (left.isNegative() ? Duration.ZERO : left).plus(RATE_LIMIT_MARGIN);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String rejection(int status) {
        String check = credentials instanceof XCredentials.BearerToken ? "X_BEARER_TOKEN"
                : "X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET";
        return (status == 401 ? "X rejected the credentials (HTTP 401)"
                : "X refused access (HTTP 403): the credentials are not allowed to read posts")
                + "; check " + check + " (or the secret named by X_CREDENTIALS_SECRET)";
    }

    static OptionalLong number(String value) {
        try {
            return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Configuration configuration(XCredentials credentials) {
        ConfigurationBuilder builder = new ConfigurationBuilder()
                .setDebugEnabled(false)
                .setHttpRetryCount(0)                 // retries are ours: Backoff with jitter, counted
                .setHttpConnectionTimeout(5_000)
                .setHttpReadTimeout(10_000)
                .setJSONStoreEnabled(false);
        if (credentials instanceof XCredentials.BearerToken bearer) {
            builder.setApplicationOnlyAuthEnabled(true)
                    .setOAuthConsumerKey("unused")    // twitter4j wants a pair even for a pre-issued token
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

    /** The portal shows the token URL-encoded and twitter4j encodes it again: decode %XX escapes first. */
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
}
