package io.github.twitterstats.adapter.out.datadog;

import io.github.twitterstats.adapter.out.http.PlainHttp;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;

/**
 * What one series request came to under {@link DatadogRetry}'s policy (network errors are retried too: DataDog
 * de-duplicates a point sent twice): accepted; {@link GaveUp given up} when the attempts are spent (worth trying again
 * in a later run); 401/403 throw {@link CredentialsRejectedException} at once; any other 4xx throws
 * {@link RunFailedException} at once (no later attempt could succeed).
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
    private final DatadogRetry retry;
    private final ErrorText errorText;
    private final DatadogEndpoint endpoint;

    SeriesRetry(SeriesIntake intake, Backoff backoff, ErrorText errorText, DatadogEndpoint endpoint, RunLog log) {
        this.intake = intake;
        this.retry = new DatadogRetry(backoff, errorText, log);
        this.errorText = errorText;
        this.endpoint = endpoint;
    }

    /** Sends {@code body} until DataDog accepts it or retrying stops; {@code accepted} says what landed before, for messages. */
    Outcome submit(SeriesPayload.Body body, String contentEncoding, String accepted) {
        DatadogRetry.Last last = retry.send("series", true, () -> intake.post(body.wire(), contentEncoding));
        if (last.exchange() instanceof PlainHttp.Answered answer) {
            if (answer.accepted()) {
                return new Accepted(last.attempts());
            }
            int status = answer.status();
            String problem = "HTTP " + status + ": " + errorText.of(answer.body(), null);
            if (status == 401 || status == 403) {
                throw new CredentialsRejectedException(Service.DATADOG, "DataDog rejected the API key (" + problem
                        + "); " + endpoint + " was used" + accepted);
            }
            if (!DatadogRetry.retryable(status)) {
                throw new RunFailedException("DataDog refused " + body.seriesCount() + " series at "
                        + endpoint + " (" + problem + ")" + accepted);
            }
            return gaveUp(body, problem, accepted, last.attempts());
        }
        return gaveUp(body, "network error: " + errorText.ofNetworkFailure(((PlainHttp.NoAnswer) last.exchange()).cause()),
                accepted, last.attempts());
    }

    private GaveUp gaveUp(SeriesPayload.Body body, String problem, String accepted, int attempts) {
        return new GaveUp("DataDog did not accept " + body.seriesCount() + " series at " + endpoint + " after "
                + attempts + " attempts; last: " + problem + accepted, attempts);
    }
}
