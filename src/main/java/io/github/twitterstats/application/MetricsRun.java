package io.github.twitterstats.application;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.RunLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One metrics run: read the accounts' public metrics, turn them into gauges, deliver them, and
 * account for every requested account in the summary.
 */
public final class MetricsRun {

    private final MetricsSource source;
    private final MetricsSink sink;
    private final GaugeNaming naming;
    private final RunLog log;
    private final Clock clock;

    public MetricsRun(MetricsSource source, MetricsSink sink, GaugeNaming naming, RunLog log, Clock clock) {
        this.source = Objects.requireNonNull(source);
        this.sink = Objects.requireNonNull(sink);
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

    public RunReport execute(Request request) {
        Instant started = clock.instant();
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
        RunSummary counted = summary(request.accounts(), lookup, failures, Delivery.NOTHING, started);
        gauges.addAll(naming.runHealth(counted, lookup.lowestRateLimitRemaining(), clock.instant()));

        Delivery delivery = request.dryRun() ? Delivery.NOTHING : sink.send(gauges);

        failures.forEach(log::accountFailed);
        RunSummary summary = summary(request.accounts(), lookup, failures, delivery, started);
        log.runCompleted(summary);
        return new RunReport(summary, lookup.snapshots(), gauges);
    }

    private RunSummary summary(AccountList accounts, MetricsLookup lookup, List<AccountFailure> failures,
                               Delivery delivery, Instant started) {
        return new RunSummary(accounts.requested(), lookup.snapshots().size(), failures.size(), failures,
                lookup.requests(), delivery.requests(), delivery.seriesSent(),
                Duration.between(started, clock.instant()).toMillis());
    }

    private static String firstDetail(List<AccountFailure> failures) {
        return failures.stream().map(AccountFailure::detail).filter(d -> !d.isBlank()).findFirst().orElse("unknown");
    }
}
