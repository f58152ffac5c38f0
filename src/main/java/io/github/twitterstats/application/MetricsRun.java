package io.github.twitterstats.application;

import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.IntakeWindow;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.SampleSpool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metrics run: re-send what earlier runs could not deliver, read the accounts' public
 * metrics, turn them into gauges, deliver them, and account for every requested account and
 * every spooled sample in the summary. The delivery guarantee itself is {@link SpooledDelivery}'s.
 */
public final class MetricsRun {

    private final MetricsSource source;
    private final MetricsSink sink;
    private final SampleSpool spool;
    private final GaugeNaming naming;
    private final RunLog log;
    private final Clock clock;

    public MetricsRun(MetricsSource source, MetricsSink sink, SampleSpool spool, GaugeNaming naming, RunLog log,
                      Clock clock) {
        this.source = Objects.requireNonNull(source);
        this.sink = Objects.requireNonNull(sink);
        this.spool = Objects.requireNonNull(spool);
        this.naming = Objects.requireNonNull(naming);
        this.log = Objects.requireNonNull(log);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What one run is asked to do. */
    public record Request(AccountList accounts, Deadline deadline, boolean dryRun) {
        public Request {
            Objects.requireNonNull(accounts, "accounts");
            Objects.requireNonNull(deadline, "deadline");
            if (accounts.isEmpty()) {
                throw new IllegalArgumentException("a run needs at least one valid handle");
            }
        }
    }

    // SHIM until redesign-core merges: the pinned entry point, no dry-run flag.
    public RunReport execute(AccountList accounts, Deadline deadline) {
        return execute(new Request(accounts, deadline, false));
    }

    public RunReport execute(Request request) {
        Instant started = clock.instant();
        // The backlog first, oldest batch first: it is the oldest data and the nearest to expiring,
        // and it still goes out when X fails this time. A dry run leaves the spool alone.
        SpooledDelivery delivery = new SpooledDelivery(sink, spool, IntakeWindow.DATADOG, log, clock);
        if (!request.dryRun()) {
            delivery.resendBacklog();
        }
        MetricsLookup lookup = source.lookup(request.accounts().handles(), request.deadline());
        if (lookup.everyRequestFailed()) {
            throw new RunFailedException("every X request failed (" + lookup.requests()
                    + "); first problem: " + firstDetail(lookup.failures()));
        }

        List<AccountFailure> failures = new ArrayList<>(request.accounts().invalid());
        failures.addAll(lookup.failures());
        List<Gauge> gauges = new ArrayList<>();
        for (AccountSnapshot snapshot : lookup.snapshots()) {
            gauges.addAll(naming.gaugesOf(snapshot));
        }
        if (request.dryRun()) {
            RunSummary counted = summary(request.accounts(), lookup, failures, Delivery.NOTHING, 0, 0, 0, started);
            gauges.addAll(naming.runHealth(counted, lookup.lowestRateLimitRemaining(), clock.instant()));
            failures.forEach(log::accountFailed);
            log.runCompleted(counted);
            return new RunReport(counted, lookup.snapshots(), gauges);
        }

        // Measured after the backlog was re-sent, so the run-health gauges say what became of it.
        RunSummary counted = summary(request.accounts(), lookup, failures, Delivery.NOTHING, delivery.waiting(),
                delivery.resent(), delivery.expired(), started);
        gauges.addAll(naming.runHealth(counted, lookup.lowestRateLimitRemaining(), clock.instant()));
        delivery.sendOwn(gauges);
        SpooledDelivery.Outcome outcome = delivery.outcome();

        failures.forEach(log::accountFailed);
        RunSummary summary = summary(request.accounts(), lookup, failures, outcome.delivery(), outcome.spooled(),
                outcome.resent(), outcome.expired(), started);
        if (outcome.failure().isPresent()) {
            // The contract: a DataDog submission that failed after its retries fails the run. The
            // samples are safe in the spool by now; the log line says how many wait there.
            log.event(Level.ERROR, "datadog did not take every sample; they wait in the spool for the next run",
                    Map.of("spool", spool.describe(), "summary", summary.toMap()));
            if (outcome.thrown() != null) {
                throw outcome.thrown();
            }
            throw new RunFailedException(outcome.failure().get() + "; " + summary.spooled()
                    + " samples wait in the spool (" + spool.describe() + ") for the next run");
        }
        log.runCompleted(summary);
        return new RunReport(summary, lookup.snapshots(), gauges);
    }

    private RunSummary summary(AccountList accounts, MetricsLookup lookup, List<AccountFailure> failures,
                               Delivery delivery, int spooled, int resent, int expired, Instant started) {
        return new RunSummary(accounts.requested(), lookup.snapshots().size(), failures.size(), failures,
                lookup.requests(), delivery.requests(), delivery.seriesSent(), spooled, resent, expired,
                Duration.between(started, clock.instant()).toMillis());
    }

    private static String firstDetail(List<AccountFailure> failures) {
        return failures.stream().map(AccountFailure::detail).filter(d -> !d.isBlank()).findFirst().orElse("unknown");
    }
}
