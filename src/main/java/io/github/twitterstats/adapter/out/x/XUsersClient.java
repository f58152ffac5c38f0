package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.Handle;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import twitter4j.HttpClient;
import twitter4j.HttpClientFactory;
import twitter4j.HttpParameter;
import twitter4j.HttpResponse;
import twitter4j.TwitterException;
import twitter4j.V2ConfigurationKt;
import twitter4j.auth.Authorization;
import twitter4j.auth.AuthorizationFactory;
import twitter4j.conf.Configuration;
import twitter4j.conf.ConfigurationBuilder;

/**
 * Sends one {@code GET /2/users/by} through twitter4j and hands back what came back, with no
 * twitter4j type escaping this package.
 *
 * <p>twitter4j does the work it is good at: its configuration holds the credentials and the
 * timeouts, its {@link Authorization} writes the {@code Authorization} header (app-only bearer, or
 * an OAuth 1.0a HMAC-SHA1 signature), its {@link HttpClient} sends the request, and
 * jp.takke.twitter4j-v2's {@code V2Configuration} holds the v2 base URL.
 *
 * <p>It does not go through {@code TwitterV2.getUsersBy}, because (measured against the loopback
 * fake, see {@code Twitter4jV2LimitsTest}) that call: throws a {@code TwitterException} with no
 * status, headers or body ("JSONObject["data"] not found") when every name is unknown, so the
 * {@code errors[]} that say "not found" or "suspended" and the {@code x-rate-limit-remaining} of
 * that answer are lost; always sends an {@code expansions} parameter (the default,
 * {@code pinned_tweet_id}, adds posts to the answer, which X bills as post reads); and parses a
 * model without {@code media_count}, {@code post_count} and {@code errors} anyway. The raw body and
 * headers of twitter4j's own {@link HttpResponse} carry everything, so the body is read with
 * Jackson ({@link UsersByResponse}).
 */
final class XUsersClient {

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

    private final HttpClient http;
    private final Authorization authorization;
    private final String endpoint;
    private final Clock clock;

    XUsersClient(XCredentials credentials, URI baseUrl, Duration connectTimeout, Duration readTimeout, Clock clock) {
        Twitter4jLogging.silence();
        Configuration conf = configuration(credentials, connectTimeout, readTimeout);
        String base = baseUrl.toString().replaceAll("/+$", "");
        V2ConfigurationKt.getV2Configuration(conf).setBaseURL(base + "/2/");
        this.endpoint = V2ConfigurationKt.getV2Configuration(conf).getBaseURL() + "users/by";
        this.http = HttpClientFactory.getInstance(conf.getHttpClientConfiguration());
        this.authorization = AuthorizationFactory.getInstance(conf);
        this.clock = clock;
    }

    String endpoint() {
        return endpoint;
    }

    Reply lookup(List<Handle> batch) {
        HttpParameter[] params = {
                new HttpParameter("usernames", batch.stream().map(Handle::value).collect(Collectors.joining(","))),
                new HttpParameter("user.fields", "public_metrics"),
        };
        try {
            HttpResponse response = http.get(endpoint, params, authorization, null);
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
