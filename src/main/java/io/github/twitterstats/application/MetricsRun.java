package io.github.twitterstats.application;

import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.IntakeWindow;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.port.SampleSpool;
import io.github.twitterstats.support.Alongside;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One metrics run: re-send what earlier runs could not deliver while reading the accounts' public
 * metrics, turn them into gauges, deliver them, and account for every requested account and
 * every spooled sample in the summary. The delivery guarantee itself is {@link SpooledDelivery}'s.
 */
public final class MetricsRun {

    private final MetricsReading reading;
    private final SampleSpool spool;
    private final SpooledDelivery delivery;
    private final RunLog log;
    private final Clock clock;

    public MetricsRun(MetricsSources sources, MetricsSink sink, SampleSpool spool, GaugeNaming naming, RunLog log,
                      Clock clock) {
        this.reading = new MetricsReading(sources, naming);
        this.spool = Objects.requireNonNull(spool);
        this.log = Objects.requireNonNull(log);
        this.clock = Objects.requireNonNull(clock);
        this.delivery = new SpooledDelivery(Objects.requireNonNull(sink), spool, IntakeWindow.DATADOG, log, clock);
    }

    /**
     * Runs once. Throws {@link ServiceUnavailableException} when every request to every network failed or DataDog did not take
     * every sample after its retries (those wait in the spool), and what the sink throws (a rejected key).
     */
    public RunReport execute(AccountList accounts, Deadline deadline) {
        MetricsReading.requireAccounts(accounts, deadline);
        Instant started = clock.instant();
        // The backlog goes out, oldest batch first, on a thread of its own while the networks answer: it is the
        // oldest data and the nearest to expiring, so it reaches DataDog before this run's samples, and it still
        // goes out when the networks fail this time. The first request of a run is the networks' (the backlog's
        // spool listing and DataDog requests, an S3 round trip and more in the Lambda, wait no longer in front of it).
        Alongside.Both<SpooledDelivery.Outcome, MetricsReading.Read> both = Alongside.run("spool-backlog",
                delivery::resendBacklog, () -> reading.read(accounts, deadline));
        SpooledDelivery.Outcome backlog = both.background();
        MetricsReading.Read read = both.here();

        // The run-health gauges say what became of the backlog before this run's own samples.
        List<Gauge> gauges = reading.gaugesWithRunHealth(read, backlog.waiting(), backlog.resent(),
                backlog.dropped().expiredCount(), backlog.dropped().refusedCount(), clock.instant());
        SpooledDelivery.Outcome outcome = backlog.plus(delivery.sendOwn(gauges, backlog.datadogDown()));

        read.failures().forEach(log::accountFailed);
        RunSummary summary = read.summary(outcome.delivery(), outcome.waiting(), outcome.resent(),
                outcome.dropped().expiredCount(), outcome.dropped().refusedCount(),
                Duration.between(started, clock.instant()).toMillis());
        if (outcome.failure().isPresent()) {
            // The contract: a DataDog submission that failed after its retries fails the run. The
            // samples are safe in the spool by now; the log line says how many wait there.
            log.event(Level.ERROR, "datadog did not take every sample; they wait in the spool for the next run",
                    Map.of("spool", spool.describe(), "summary", summary.toMap()));
            throw new ServiceUnavailableException(Service.DATADOG, outcome.failure().get() + "; " + summary.spooled()
                    + " samples wait in the spool (" + spool.describe() + ") for the next run", null);
        }
        log.runCompleted(summary);
        return new RunReport(summary, read.snapshots(), gauges);
    }
}
