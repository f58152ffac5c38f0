package io.github.twitterstats.application;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.RunHealth;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.port.MetricsSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a run and a preview share: read the accounts' metrics and map them to gauges. */
final class MetricsReading {

    /** The accounts read: their lookup, every failure (invalid handles first), and the accounts' gauges. */
    record Read(AccountList accounts, MetricsLookup lookup, List<AccountFailure> failures, List<Gauge> gauges) {

        Read {
            failures = List.copyOf(failures);
            gauges = List.copyOf(gauges);
        }

        /** The run-health figures of these accounts and of what became of the spool's backlog. */
        RunHealth health(int spooled, int resent, int expired, int refused) {
            return new RunHealth(lookup.snapshots().size(), failures.size(), spooled, resent, expired, refused,
                    lookup.lowestRateLimitRemaining());
        }
    }

    private final MetricsSource source;
    private final GaugeNaming naming;

    MetricsReading(MetricsSource source, GaugeNaming naming) {
        this.source = Objects.requireNonNull(source);
        this.naming = Objects.requireNonNull(naming);
    }

    /** A run (or a preview) needs at least one valid handle: checked before anything else happens. */
    static void requireAccounts(AccountList accounts, Deadline deadline) {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(deadline, "deadline");
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one valid handle");
        }
    }

    /** Reads X; throws when every request failed (X unavailable), since then there is nothing to report. */
    Read read(AccountList accounts, Deadline deadline) {
        requireAccounts(accounts, deadline);
        MetricsLookup lookup = source.lookup(accounts.handles(), deadline);
        if (lookup.everyRequestFailed()) {
            throw new ServiceUnavailableException(Service.X, "every X request failed (" + lookup.requests()
                    + "); first problem: " + firstDetail(lookup.failures()), null);
        }
        List<AccountFailure> failures = new ArrayList<>(accounts.invalid());
        failures.addAll(lookup.failures());
        List<Gauge> gauges = new ArrayList<>();
        for (AccountSnapshot snapshot : lookup.snapshots()) {
            gauges.addAll(naming.gaugesOf(snapshot));
        }
        return new Read(accounts, lookup, failures, gauges);
    }

    List<Gauge> runHealth(RunHealth health, Instant at) {
        return naming.runHealth(health, at);
    }

    private static String firstDetail(List<AccountFailure> failures) {
        return failures.stream().map(AccountFailure::detail).filter(d -> !d.isBlank()).findFirst().orElse("unknown");
    }
}
