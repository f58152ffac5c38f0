package io.github.twitterstats.application;

import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.domain.SpooledBatch;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.SampleSpool;
import java.time.Clock;
import java.util.List;

// SHIM until redesign-core merges: the pinned preview use case, delegating to today's dry-run MetricsRun.
/** Reads the accounts and maps them to gauges; sends nothing and touches no spool. */
public final class MetricsPreview {

    private final MetricsRun run;

    public MetricsPreview(MetricsSource source, GaugeNaming naming, RunLog log, Clock clock) {
        this.run = new MetricsRun(source, NO_SINK, NO_SPOOL, naming, log, clock);
    }

    public RunReport preview(AccountList accounts, Deadline deadline) {
        return run.execute(new MetricsRun.Request(accounts, deadline, true));
    }

    private static final MetricsSink NO_SINK = gauges -> {
        throw new IllegalStateException("a preview sends nothing");
    };

    private static final SampleSpool NO_SPOOL = new SampleSpool() {
        @Override public List<SpooledBatch> pending() {
            throw new IllegalStateException("a preview leaves the spool alone");
        }
        @Override public SpooledBatch add(List<Gauge> g) {
            throw new IllegalStateException("a preview leaves the spool alone");
        }
        @Override public void replace(String id, List<Gauge> remaining) {
            throw new IllegalStateException("a preview leaves the spool alone");
        }
        @Override public String describe() {
            return "none (preview)";
        }
    };
}
