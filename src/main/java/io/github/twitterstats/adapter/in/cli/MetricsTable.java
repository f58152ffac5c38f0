package io.github.twitterstats.adapter.in.cli;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.Network;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.domain.RunSummary;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The human-readable output: one row per account, then failures and a one-line summary. */
final class MetricsTable {

    private static final String ROW = "%-8s %-24s %12s %12s %12s %12s %10s%n";

    private MetricsTable() {
    }

    static void print(RunReport report, boolean dryRun, PrintStream out) {
        out.printf(ROW, "network", "account", "followers", "following", "posts", "likes", "listed");
        for (AccountSnapshot snapshot : report.snapshots()) {
            PublicMetrics m = snapshot.metrics();
            boolean x = snapshot.network() == Network.X; // likes and listed are X's alone
            out.printf(ROW, snapshot.network().tagValue(), snapshot.account().display(), grouped(m.followers()),
                    grouped(m.following()), grouped(m.posts()),
                    m.likes().isPresent() ? grouped(m.likes().getAsLong()) : "-", x ? grouped(m.listed()) : "-");
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
        out.printf("%d accounts: %d ok, %d failed; %s, %d DataDog request%s, %d series sent, %d ms%n",
                summary.accountsRequested(), summary.accountsOk(), summary.accountsFailed(), networkRequests(summary),
                summary.datadogRequests(), plural(summary.datadogRequests()), summary.seriesSent(),
                summary.durationMs());
    }

    /** The requests of each network the run asked, X's alone when it asked none ("0 X requests"). */
    private static String networkRequests(RunSummary summary) {
        List<String> parts = new ArrayList<>();
        if (summary.xRequests() > 0 || (summary.blueskyRequests() == 0 && summary.mastodonRequests() == 0)) {
            parts.add(summary.xRequests() + " X request" + plural(summary.xRequests()));
        }
        if (summary.blueskyRequests() > 0) {
            parts.add(summary.blueskyRequests() + " Bluesky request" + plural(summary.blueskyRequests()));
        }
        if (summary.mastodonRequests() > 0) {
            parts.add(summary.mastodonRequests() + " Mastodon request" + plural(summary.mastodonRequests()));
        }
        return String.join(", ", parts);
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
