package io.github.twitterstats.adapter.in.cli;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.domain.RunSummary;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/** The human-readable output: one row per account, then failures and a one-line summary. */
final class MetricsTable {

    private static final String ROW = "%-16s %12s %12s %12s %12s %10s%n";

    private MetricsTable() {
    }

    static void print(RunReport report, boolean dryRun, PrintStream out) {
        out.printf(ROW, "account", "followers", "following", "posts", "likes", "listed");
        for (AccountSnapshot snapshot : report.snapshots()) {
            PublicMetrics m = snapshot.metrics();
            out.printf(ROW, snapshot.handle().value(), grouped(m.followers()), grouped(m.following()),
                    grouped(m.posts()), m.likes().isPresent() ? grouped(m.likes().getAsLong()) : "-",
                    grouped(m.listed()));
        }
        RunSummary summary = report.summary();
        if (!summary.failures().isEmpty()) {
            out.println();
            out.println("failed: " + summary.failures().stream().map(MetricsTable::failure)
                    .collect(Collectors.joining(", ")));
        }
        if (dryRun) {
            out.println();
            out.println("dry run: would send " + report.gauges().size() + " series (nothing was sent):");
            report.gauges().forEach(g -> out.println("  " + gauge(g)));
        }
        out.println();
        out.printf("%d accounts: %d ok, %d failed; %d X request%s, %d DataDog request%s, %d series sent, %d ms%n",
                summary.accountsRequested(), summary.accountsOk(), summary.accountsFailed(), summary.xRequests(),
                plural(summary.xRequests()), summary.datadogRequests(), plural(summary.datadogRequests()),
                summary.seriesSent(), summary.durationMs());
    }

    private static String failure(AccountFailure f) {
        return f.account() + " (" + f.reason().wireName() + ")";
    }

    private static String gauge(Gauge g) {
        return g.metric() + " " + (long) g.value() + " @" + g.timestamp().getEpochSecond()
                + (g.tags().isEmpty() ? "" : " " + String.join(",", g.tags()));
    }

    /** A count with its thousands grouped, 9,671,826, whatever the machine's locale: easier to read. */
    private static String grouped(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
