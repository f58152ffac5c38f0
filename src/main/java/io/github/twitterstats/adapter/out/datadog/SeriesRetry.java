package io.github.twitterstats.adapter.out.datadog;

import static io.github.twitterstats.port.RunLog.fields;

import io.github.twitterstats.adapter.out.http.PlainHttp;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.support.Backoff;
import java.time.Duration;
import java.util.Optional;

/**
 * The retry policy for one series request: 2xx is done; 5xx, 408, 429 and network errors are retried
 * with {@link Backoff} (exponential, full jitter; after a 429 at least until DataDog's
 * {@code x-ratelimit-reset}, capped), and when the attempts are spent the request is {@link GaveUp
 * given up} (worth trying again in a later run); 401/403 throw {@link CredentialsRejectedException}
 * at once; any other 4xx throws {@link RunFailedException} at once (no later attempt could succeed).
 */
final class SeriesRetry {

    /** How one request ended, after {@code attempts} HTTP requests. */
    sealed interface Outcome permits Accepted, GaveUp {
        int attempts();
    }

    /** DataDog took the body. */
    record Accepted(int attempts) implements Outcome { }

    /** DataDog did not take the body after the bounded retries; {@code problem} says why. */
    record GaveUp(String problem, int attempts) implements Outcome { }

    private final SeriesIntake intake;
    private final Backoff backoff;
    private final ErrorText errorText;
    private final DatadogEndpoint endpoint;
    private final RunLog log;

    SeriesRetry(SeriesIntake intake, Backoff backoff, ErrorText errorText, DatadogEndpoint endpoint, RunLog log) {
        this.intake = intake;
        this.backoff = backoff;
        this.errorText = errorText;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Sends {@code body} until DataDog accepts it or retrying stops; {@code accepted} says what landed before, for messages. */
    Outcome submit(SeriesPayload.Body body, String contentEncoding, String accepted) {
        for (int attempt = 1; ; attempt++) {
            PlainHttp.Exchange exchange = intake.post(body.wire(), contentEncoding);
            String problem;
            Duration wait = backoff.delayAfter(attempt);
            if (exchange instanceof PlainHttp.Answered answer) {
                if (answer.accepted()) {
                    return new Accepted(attempt);
                }
                int status = answer.status();
                String text = errorText.of(answer.body(), null);
                if (status == 401 || status == 403) {
                    throw new CredentialsRejectedException(Service.DATADOG, "DataDog rejected the API key (HTTP "
                            + status + ": " + text + "); " + endpoint + " was used" + accepted);
                }
                problem = "HTTP " + status + ": " + text;
                if (!retryable(status)) {
                    throw new RunFailedException("DataDog refused " + body.seriesCount() + " series at "
                            + endpoint + " (" + problem + ")" + accepted);
                }
                if (status == 429) {
                    wait = longest(wait, rateLimitReset(answer.header("x-ratelimit-reset"), backoff));
                }
            } else {
                problem = "network error: " + errorText.ofNetworkFailure(((PlainHttp.NoAnswer) exchange).cause());
            }
            if (!backoff.allowsRetryAfter(attempt)) {
                return new GaveUp("DataDog did not accept " + body.seriesCount() + " series at "
                        + endpoint + " after " + attempt + " attempts; last: " + problem + accepted, attempt);
            }
            log.event(Level.WARN, "datadog request failed, retrying", fields(
                    "attempt", attempt, "max_attempts", backoff.maxAttempts(), "problem", problem,
                    "wait_ms", wait.toMillis()));
            Backoff.sleep(wait);
        }
    }

    /** What is worth asking again: 5xx, 408 (timeout) and 429 (rate limited). */
    static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** DataDog's rate-limit reset (seconds) when it sent one, capped at {@code backoff}'s cap so a run cannot wait long. */
    static Duration rateLimitReset(Optional<String> header, Backoff backoff) {
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

    static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
