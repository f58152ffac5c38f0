package io.github.twitterstats.application;

import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.port.RunLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A metrics run that sends nothing (the CLI's {@code --dry-run}): reads the accounts, maps them to the
 * gauges a run would send, run-health gauges included, and reports them. It touches no spool and needs no
 * DataDog key; its summary counts no DataDog request and no spooled sample.
 */
public final class MetricsPreview {

    private final MetricsReading reading;
    private final RunLog log;
    private final Clock clock;

    public MetricsPreview(MetricsSources sources, GaugeNaming naming, RunLog log, Clock clock) {
        this.reading = new MetricsReading(sources, naming);
        this.log = Objects.requireNonNull(log);
        this.clock = Objects.requireNonNull(clock);
    }

    public RunReport preview(AccountList accounts, Deadline deadline) {
        Instant started = clock.instant();
        MetricsReading.Read read = reading.read(accounts, deadline);
        List<Gauge> gauges = reading.gaugesWithRunHealth(read, 0, 0, 0, 0, clock.instant());
        RunSummary summary = read.summary(Delivery.NOTHING, 0, 0, 0, 0,
                Duration.between(started, clock.instant()).toMillis());
        read.failures().forEach(log::accountFailed);
        log.runCompleted(summary);
        return new RunReport(summary, read.snapshots(), gauges);
    }
}
