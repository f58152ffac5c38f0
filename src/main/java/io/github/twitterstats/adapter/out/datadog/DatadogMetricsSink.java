package io.github.twitterstats.adapter.out.datadog;

import static io.github.twitterstats.port.RunLog.fields;

import io.github.twitterstats.config.DatadogCredentials;
import io.github.twitterstats.domain.Admission;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.IntakeWindow;
import io.github.twitterstats.domain.SendResult;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.support.Backoff;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Sends gauges to DataDog's v2 series intake ({@code POST /api/v2/series}): only those DataDog
 * would still ingest ({@link IntakeWindow#admit}), gzip-compressed, in as few requests as the
 * intake's size limits allow ({@link SeriesPayload}), each retried under {@link SeriesRetry}'s
 * policy over one JDK HTTP client ({@link SeriesIntake}). Build one per container (or CLI run) and
 * reuse it. Not for concurrent use.
 */
public final class DatadogMetricsSink implements MetricsSink {

    /** Which points DataDog still ingests. */
    static final IntakeWindow WINDOW = IntakeWindow.DATADOG;

    /**
     * Connect and read timeouts, so a slow DataDog cannot hang a Lambda until its own timeout. With
     * the defaults and {@link Backoff#DEFAULT}, a batch that never gets an answer gives up after
     * about 4 × 13 s plus the backoff waits.
     */
    record Timeouts(Duration connect, Duration read) {
        static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10));

        Timeouts {
            if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive (zero would mean forever)");
            }
        }
    }

    private final SeriesPayload payload;
    private final SeriesRetry retry;
    private final RunLog log;
    private final Clock clock;

    /** The production sink: {@link Backoff#DEFAULT}, {@link Timeouts#DEFAULT}, gzip. */
    public DatadogMetricsSink(DatadogCredentials credentials, URI apiBaseUrl, RunLog log, Clock clock) {
        this(credentials, apiBaseUrl, Backoff.DEFAULT, log, clock, Timeouts.DEFAULT, Compression.GZIP);
    }

    DatadogMetricsSink(DatadogCredentials credentials, URI apiBaseUrl, Backoff backoff, RunLog log, Clock clock,
                       Timeouts timeouts, Compression compression) {
        Objects.requireNonNull(credentials, "credentials");
        DatadogEndpoint endpoint = new DatadogEndpoint(apiBaseUrl);
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.payload = new SeriesPayload(Objects.requireNonNull(compression, "compression"));
        SeriesIntake intake = new SeriesIntake(endpoint, credentials.apiKey(), timeouts.connect(), timeouts.read());
        this.retry = new SeriesRetry(intake, Objects.requireNonNull(backoff, "backoff"),
                new ErrorText(List.of(credentials.apiKey())), endpoint, log);
    }

    /**
     * Sends the batches in order. When one still fails after the retries (DataDog down), the rest
     * are not tried: they would only cost another round of retries each. That batch and every
     * later one come back as undelivered, in order, so the caller can keep exactly those.
     */
    @Override
    public SendResult send(List<Gauge> gauges) {
        Admission admission = withinIntakeWindow(gauges);
        List<Gauge> current = admission.admitted();
        List<SeriesPayload.Body> bodies = payload.plan(current);
        String encoding = payload.compression().contentEncoding();
        int requests = 0;
        int sent = 0;
        for (int i = 0; i < bodies.size(); i++) {
            SeriesPayload.Body body = bodies.get(i);
            log.event(Level.DEBUG, "datadog series request", fields(
                    "batch", i + 1, "batches", bodies.size(), "series", body.seriesCount(),
                    "json_bytes", body.jsonBytes(), "compressed_bytes", body.compressedBytes()));
            SeriesRetry.Outcome outcome = retry.submit(body, encoding, acceptedBefore(sent, current.size()));
            requests += outcome.attempts();
            if (outcome instanceof SeriesRetry.GaveUp gaveUp) {
                // bodies hold consecutive gauges in order, so the undelivered ones are a suffix
                return new SendResult.Undelivered(new Delivery(requests, sent), admission.dropped(),
                        current.subList(sent, current.size()), gaveUp.problem());
            }
            sent += body.seriesCount();
        }
        return new SendResult.Delivered(new Delivery(requests, sent), admission.dropped());
    }

    private static String acceptedBefore(int sent, int total) {
        return sent == 0 ? "" : " (" + sent + " of " + total + " series had been accepted before)";
    }

    /** Drops the gauges DataDog would not ingest now (expired, refused); the caller logs which and why, once. */
    private Admission withinIntakeWindow(List<Gauge> gauges) {
        return WINDOW.admit(gauges, clock.instant());
    }
}
