package io.github.twitterstats.adapter.out.datadog;

import static io.github.twitterstats.port.RunLog.fields;

import io.github.twitterstats.adapter.out.http.PlainHttp;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.support.Backoff;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one retry policy for DataDog's API, the series intake's and the dashboards': a 2xx ends it; 5xx, 408 and 429
 * are asked again under {@link Backoff} (exponential, full jitter; after a 429 at least until DataDog's
 * {@code x-ratelimit-reset}, capped), and so are network errors where the caller says the request is safe to repeat
 * blindly; any other answer ends it at once, and so does the last attempt {@link Backoff} allows. What the last
 * exchange means (done, given up, refused) is the caller's to say.
 */
final class DatadogRetry {

    /** The last exchange, after {@code attempts} HTTP requests. */
    record Last(PlainHttp.Exchange exchange, int attempts) { }

    private final Backoff backoff;
    private final ErrorText errorText;
    private final RunLog log;

    DatadogRetry(Backoff backoff, ErrorText errorText, RunLog log) {
        this.backoff = backoff;
        this.errorText = errorText;
        this.log = log;
    }

    /** Sends {@code request} ({@code what} names it in the log) until the policy says stop. */
    Last send(String what, boolean repeatAfterNetworkError, Supplier<PlainHttp.Exchange> request) {
        for (int attempt = 1; ; attempt++) {
            PlainHttp.Exchange exchange = request.get();
            Duration wait = backoff.delayAfter(attempt);
            String problem;
            if (exchange instanceof PlainHttp.Answered answer) {
                if (answer.accepted() || !retryable(answer.status())) {
                    return new Last(exchange, attempt);
                }
                problem = "HTTP " + answer.status() + ": " + errorText.of(answer.body(), null);
                if (answer.status() == 429) {
                    wait = longest(wait, rateLimitReset(answer.header("x-ratelimit-reset")));
                }
            } else if (repeatAfterNetworkError) {
                problem = "network error: " + errorText.ofNetworkFailure(((PlainHttp.NoAnswer) exchange).cause());
            } else {
                return new Last(exchange, attempt);
            }
            if (!backoff.allowsRetryAfter(attempt)) {
                return new Last(exchange, attempt);
            }
            log.event(Level.WARN, "datadog request failed, retrying", fields("request", what,
                    "attempt", attempt, "max_attempts", backoff.maxAttempts(), "problem", problem,
                    "wait_ms", wait.toMillis()));
            Backoff.sleep(wait);
        }
    }

    /** What is worth asking again: 5xx, 408 (timeout) and 429 (rate limited). */
    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** DataDog's rate-limit reset (seconds) when it sent one, capped at the backoff's cap so a run cannot wait long. */
    private Duration rateLimitReset(Optional<String> header) {
        if (header.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            Duration reset = Duration.ofSeconds(Math.max(0, Long.parseLong(header.get().trim())));
            return reset.compareTo(backoff.cap()) > 0 ? backoff.cap() : reset;
        } catch (NumberFormatException ignored) {
            return Duration.ZERO;
        }
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
