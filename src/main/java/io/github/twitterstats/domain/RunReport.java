package io.github.twitterstats.domain;

import java.util.List;

/** Everything a run produced: its summary, and the snapshots and gauges behind it (CLI table, preview). */
public record RunReport(RunSummary summary, List<AccountSnapshot> snapshots, List<Gauge> gauges) {

    public RunReport {
        snapshots = List.copyOf(snapshots);
        gauges = List.copyOf(gauges);
    }
}
