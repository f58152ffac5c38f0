package io.github.twitterstats.application;

import static io.github.twitterstats.port.RunLog.fields;

import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.IntakeWindow;
import io.github.twitterstats.domain.SendResult;
import io.github.twitterstats.domain.SpooledBatch;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.SampleSpool;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery guarantee: no sample DataDog would still accept is lost to a DataDog outage.
 *
 * <p>One run: first {@link #resendBacklog() re-send} what earlier runs spooled, oldest batch first,
 * dropping (and counting as expired) samples DataDog would no longer ingest; then
 * {@link #sendOwn(List) send} the run's own gauges, <em>write-ahead</em>: they are in the spool
 * before the first byte goes to DataDog, and leave it only once DataDog answered 202. Whatever
 * DataDog did not take stays in the spool for the next run.
 *
 * <p>Write-ahead trades "never lost" for "possibly sent twice": a process that dies after DataDog
 * accepted a batch but before the batch left the spool sends it again in the next run. That is
 * safe only because every sample is a gauge with its original timestamp: DataDog stores one
 * value per metric, tag set and timestamp, raw values sent through the API are stored as they are
 * (https://docs.datadoghq.com/metrics/types/), and of several values with the same timestamp and
 * tags the most recently submitted one is kept
 * (https://docs.datadoghq.com/metrics/custom_metrics/historical_metrics/). The same value twice is
 * therefore one point. Counts or rates could not be spooled this way.
 *
 * <p>Once one send has failed after the sink's retries, DataDog is taken to be down for the rest
 * of the run: later batches go straight to (stay in) the spool instead of costing another round
 * of retries each. A spool that cannot be read or written does not stop delivery: the run sends
 * as it would without one and says so in the log.
 */
final class SpooledDelivery {

    private final MetricsSink sink;
    private final SampleSpool spool;
    private final IntakeWindow window;
    private final RunLog log;
    private final Clock clock;

    private int requests;
    private int seriesSent;
    private int resent;
    private int expired;
    /** Samples known to be in the spool and not yet delivered. */
    private int waiting;
    private Optional<String> problem = Optional.empty();
    private RuntimeException thrown;

    SpooledDelivery(MetricsSink sink, SampleSpool spool, IntakeWindow window, RunLog log, Clock clock) {
        this.sink = Objects.requireNonNull(sink);
        this.spool = Objects.requireNonNull(spool);
        this.window = Objects.requireNonNull(window);
        this.log = Objects.requireNonNull(log);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What this run's delivery came to. {@code failure} is set when DataDog did not take everything. */
    record Outcome(Delivery delivery, int spooled, int resent, int expired, Optional<String> failure,
                   RuntimeException thrown) { }

    /** Re-sends the spool's batches, oldest first. */
    void resendBacklog() {
        List<SpooledBatch> backlog;
        try {
            backlog = spool.pending();
        } catch (RuntimeException e) {
            log.event(Level.ERROR, "the spool cannot be read; its samples wait for a later run", fields(
                    "spool", spool.describe(), "problem", String.valueOf(e.getMessage())));
            return;
        }
        for (SpooledBatch batch : backlog) {
            waiting += batch.gauges().size();
        }
        for (SpooledBatch batch : backlog) {
            deliver(batch, true);
        }
    }

    /** Samples waiting in the spool right now: what the run-health gauge {@code run.spooled} reports. */
    int waiting() {
        return waiting;
    }

    int resent() {
        return resent;
    }

    int expired() {
        return expired;
    }

    /** Writes the run's own gauges to the spool, then sends them. */
    void sendOwn(List<Gauge> gauges) {
        if (gauges.isEmpty()) {
            return;
        }
        SpooledBatch own;
        try {
            own = spool.add(gauges);
            waiting += gauges.size();
        } catch (RuntimeException e) {
            log.event(Level.ERROR, "the spool cannot be written; this run's samples are sent without it and are lost"
                    + " if DataDog does not take them", fields("spool", spool.describe(),
                    "problem", String.valueOf(e.getMessage()), "series", gauges.size()));
            if (isDown()) {
                return;
            }
            SendResult result = sendCatching(gauges);
            if (result != null) {
                count(result, false);
                if (result instanceof SendResult.Undelivered undelivered) {
                    problem = Optional.of(undelivered.problem());
                }
            }
            return;
        }
        deliver(own, false);
    }

    Outcome outcome() {
        return new Outcome(new Delivery(requests, seriesSent), waiting, resent, expired, problem, thrown);
    }

    /** Sends one spooled batch unless DataDog is already known to be down; keeps what it does not take. */
    private void deliver(SpooledBatch batch, boolean fromEarlierRun) {
        Instant now = clock.instant();
        List<Gauge> current = new ArrayList<>(batch.gauges().size());
        List<Gauge> stale = new ArrayList<>();
        for (Gauge gauge : batch.gauges()) {
            (window.expired(gauge, now) ? stale : current).add(gauge);
        }
        if (!stale.isEmpty()) {
            expired += stale.size();
            waiting -= stale.size();
            log.event(Level.WARN, "spooled samples too old for DataDog dropped unsent", fields(
                    "count", stale.size(), "batch", batch.id(), "oldest", stale.get(0).timestamp().toString(),
                    "oldest_acceptable", window.oldestAcceptable(now).toString()));
        }
        if (isDown() || current.isEmpty()) {
            if (!stale.isEmpty()) {
                keep(batch.id(), current);
            }
            return;
        }
        SendResult result = sendCatching(current);
        if (result == null) {
            // The sink threw (rejected key, refused request): the batch stays whole, so nothing is
            // lost; what DataDog may have taken before the throw is re-sent at identical timestamps.
            if (!stale.isEmpty()) {
                keep(batch.id(), current);
            }
            return;
        }
        count(result, fromEarlierRun);
        if (result instanceof SendResult.Undelivered undelivered) {
            waiting -= current.size() - undelivered.undelivered().size();
            problem = Optional.of(undelivered.problem());
            keep(batch.id(), undelivered.undelivered());
        } else {
            waiting -= current.size();
            keep(batch.id(), List.of());
        }
    }

    private void count(SendResult result, boolean fromEarlierRun) {
        requests += result.delivery().requests();
        seriesSent += result.delivery().seriesSent();
        // The sink drops what expired between our check and its own (same window, later clock).
        expired += result.expired();
        if (fromEarlierRun) {
            resent += result.delivery().seriesSent();
        }
    }

    private SendResult sendCatching(List<Gauge> gauges) {
        try {
            return sink.send(gauges);
        } catch (RuntimeException e) {
            thrown = e;
            problem = Optional.of(String.valueOf(e.getMessage()));
            return null;
        }
    }

    private boolean isDown() {
        return problem.isPresent();
    }

    private void keep(String id, List<Gauge> remaining) {
        try {
            spool.replace(id, remaining);
        } catch (RuntimeException e) {
            // Left as it was: the batch is sent again next run (same timestamps, so harmless).
            log.event(Level.ERROR, "the spool could not be updated; the batch will be sent again", fields(
                    "spool", spool.describe(), "batch", id, "problem", String.valueOf(e.getMessage())));
        }
    }
}
