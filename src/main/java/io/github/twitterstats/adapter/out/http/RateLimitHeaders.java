package io.github.twitterstats.adapter.out.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a network states its rate limit: the names of its remaining and reset headers. A reset
 * is read as epoch seconds (Bluesky's {@code ratelimit-reset}, the IETF draft's form) or an ISO 8601
 * timestamp (Mastodon's {@code X-RateLimit-Reset}); either form is accepted under either name, so a
 * proxy that rewrites one into the other does not blind the client.
 */
public record RateLimitHeaders(String remaining, String reset) {

    /** Bluesky (docs.bsky.app, advanced-guides/rate-limits): the IETF draft headers. */
    public static final RateLimitHeaders BLUESKY = new RateLimitHeaders("ratelimit-remaining", "ratelimit-reset");
    /** Mastodon (docs.joinmastodon.org/api/rate-limits). */
    public static final RateLimitHeaders MASTODON = new RateLimitHeaders("x-ratelimit-remaining", "x-ratelimit-reset");

    public RateLimitHeaders {
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(reset, "reset");
    }

    public OptionalLong remaining(PlainHttp.Answered answer) {
        Optional<String> value = answer.header(remaining);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public Optional<Instant> reset(PlainHttp.Answered answer) {
        return answer.header(reset).flatMap(RateLimitHeaders::instant);
    }

    static Optional<Instant> instant(String value) {
        String v = value.strip();
        try {
            if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
            }
            return Optional.of(Instant.parse(v));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
