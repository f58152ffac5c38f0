package io.github.twitterstats.application;

import static io.github.twitterstats.port.RunLog.fields;

import io.github.twitterstats.domain.Admission;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Dropped;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.IntakeWindow;
import io.github.twitterstats.domain.Refusal;
import io.github.twitterstats.domain.SendResult;
import io.github.twitterstats.domain.SpooledBatch;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.port.SampleSpool;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The delivery guarantee: no sample DataDog would still accept is lost to a DataDog outage, and
 * every sample that leaves the spool is counted (resent, expired or refused).
 *
 * <p>One run: first {@link #resendBacklog() re-send} what earlier runs spooled, oldest batch first;
 * then {@link #sendOwn send} the run's own gauges, <em>write-ahead</em>: they are in the spool
 * before the first byte goes to DataDog, and leave it only once DataDog answered 202. Whatever
 * DataDog did not take stays in the spool for the next run. Both steps return a value saying what
 * became of the samples; nothing is accumulated here.
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
 * <p>Which samples DataDog would still take is decided by {@link IntakeWindow#admit}, once per
 * sample, at the moment it would be sent: the sink applies it to what it sends and reports what it
 * dropped; a batch not sent (DataDog already failed in this run) has it applied here, so the spool
 * sheds expired samples even through a long outage.
 *
 * <p>Once one send has failed after the sink's retries, DataDog is taken to be down for the rest
 * of the run: later batches stay in the spool instead of costing another round of retries each. A
 * spool that cannot be read or written does not stop delivery: the run sends as it would without
 * one and says so in the log. The sink's exceptions (rejected key, a refused request) end the run
 * at once: what was written ahead is still in the spool.
 */
final class SpooledDelivery {

    /** What became of the samples: delivered (and with which requests), dropped unsent, or still waiting. */
    record Outcome(Delivery delivery, int resent, Dropped dropped, int waiting, Optional<String> failure) {

        static final Outcome NOTHING = new Outcome(Delivery.NOTHING, 0, Dropped.NONE, 0, Optional.empty());

        Outcome plus(Outcome other) {
            return new Outcome(delivery.plus(other.delivery), resent + other.resent, dropped.plus(other.dropped),
                    waiting + other.waiting, failure.or(other::failure));
        }

        /** DataDog did not take everything it was offered: it is taken to be down for the rest of the run. */
        boolean datadogDown() {
            return failure.isPresent();
        }
    }

    private final MetricsSink sink;
    private final SampleSpool spool;
    private final IntakeWindow window;
    private final RunLog log;
    private final Clock clock;

    SpooledDelivery(MetricsSink sink, SampleSpool spool, IntakeWindow window, RunLog log, Clock clock) {
        this.sink = Objects.requireNonNull(sink);
        this.spool = Objects.requireNonNull(spool);
        this.window = Objects.requireNonNull(window);
        this.log = Objects.requireNonNull(log);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Re-sends the spool's batches, oldest first; {@code waiting} is what the spool still holds after. */
    Outcome resendBacklog() {
        List<SpooledBatch> backlog;
        try {
            backlog = spool.pending();
        } catch (RuntimeException e) {
            log.event(Level.ERROR, "the spool cannot be read; its samples wait for a later run", fields(
                    "spool", spool.describe(), "problem", String.valueOf(e.getMessage())));
            return Outcome.NOTHING;
        }
        Outcome outcome = Outcome.NOTHING;
        for (SpooledBatch batch : backlog) {
            outcome = outcome.plus(deliver(batch, true, outcome.datadogDown()));
        }
        return outcome;
    }

    /**
     * Writes the run's own gauges to the spool, then sends them unless {@code datadogDown};
     * {@code waiting} is how many of them stay in the spool.
     */
    Outcome sendOwn(List<Gauge> gauges, boolean datadogDown) {
        if (gauges.isEmpty()) {
            return Outcome.NOTHING;
        }
        SpooledBatch own;
        try {
            own = spool.add(gauges);
        } catch (RuntimeException e) {
            log.event(Level.ERROR, "the spool cannot be written; this run's samples are sent without it and are lost"
                    + " if DataDog does not take them", fields("spool", spool.describe(),
                    "problem", String.valueOf(e.getMessage()), "series", gauges.size()));
            if (datadogDown) {
                return Outcome.NOTHING;
            }
            SendResult result = sink.send(gauges);
            logDropped(result.dropped(), "this run");
            return new Outcome(result.delivery(), 0, result.dropped(), 0, failureOf(result));
        }
        return deliver(own, false, datadogDown);
    }

    /** Sends one spooled batch, or only sheds what DataDog would no longer take when it is down; keeps the rest. */
    private Outcome deliver(SpooledBatch batch, boolean fromEarlierRun, boolean datadogDown) {
        if (datadogDown) {
            Admission admission = window.admit(batch.gauges(), clock.instant());
            if (!admission.dropped().isEmpty()) {
                logDropped(admission.dropped(), batch.id());
                keep(batch.id(), admission.admitted());
            }
            return new Outcome(Delivery.NOTHING, 0, admission.dropped(), admission.admitted().size(), Optional.empty());
        }
        SendResult result = sink.send(batch.gauges());
        logDropped(result.dropped(), batch.id());
        List<Gauge> remaining = result instanceof SendResult.Undelivered undelivered
                ? undelivered.undelivered() : List.of();
        keep(batch.id(), remaining);
        int resent = fromEarlierRun ? result.delivery().seriesSent() : 0;
        return new Outcome(result.delivery(), resent, result.dropped(), remaining.size(), failureOf(result));
    }

    private static Optional<String> failureOf(SendResult result) {
        return result instanceof SendResult.Undelivered undelivered
                ? Optional.of(undelivered.problem()) : Optional.empty();
    }

    /** One line per reason for what was dropped unsent, with up to ten of the samples. */
    private void logDropped(Dropped dropped, String batch) {
        if (!dropped.expired().isEmpty()) {
            log.event(Level.WARN, "spooled samples too old for DataDog dropped unsent", fields(
                    "count", dropped.expiredCount(), "batch", batch,
                    "oldest", dropped.expired().get(0).timestamp().toString(),
                    "oldest_acceptable", window.oldestAcceptable(clock.instant()).toString(),
                    "samples", examples(dropped.expired())));
        }
        dropped.refused().forEach((Refusal reason, List<Gauge> gauges) -> log.event(Level.WARN,
                "samples DataDog would refuse dropped unsent: " + reason.description(), fields(
                        "count", gauges.size(), "batch", batch, "reason", reason.name().toLowerCase(),
                        "samples", examples(gauges))));
    }

    private static List<String> examples(List<Gauge> gauges) {
        return gauges.stream().limit(10).map(g -> g.metric() + g.tags() + "@" + g.timestamp()).toList();
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
