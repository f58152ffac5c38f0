package io.github.twitterstats.application;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.Network;
import io.github.twitterstats.domain.RunHealth;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.support.Bounded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** What a run and a preview share: read the accounts' metrics on every network and map them to gauges. */
final class MetricsReading {

    /**
     * The accounts read: each network's lookup (only the networks the list holds, in {@link Network} order), every
     * failure (invalid entries first, then X's, Bluesky's, Mastodon's), and the accounts' gauges.
     */
    record Read(AccountList accounts, Map<Network, MetricsLookup> lookups, List<AccountFailure> failures,
                List<Gauge> gauges) {

        Read {
            Map<Network, MetricsLookup> ordered = new EnumMap<>(Network.class);
            ordered.putAll(lookups);
            lookups = Collections.unmodifiableMap(ordered);
            failures = List.copyOf(failures);
            gauges = List.copyOf(gauges);
        }

        /** The snapshots of every network, X's first. */
        List<AccountSnapshot> snapshots() {
            List<AccountSnapshot> snapshots = new ArrayList<>();
            for (Network network : Network.values()) {
                if (lookups.containsKey(network)) {
                    snapshots.addAll(lookups.get(network).snapshots());
                }
            }
            return snapshots;
        }

        /** The requests sent to {@code network} (0 when the list holds none of its accounts). */
        int requests(Network network) {
            MetricsLookup lookup = lookups.get(network);
            return lookup == null ? 0 : lookup.requests();
        }

        /** The run-health figures of these accounts and of what became of the spool's backlog. */
        RunHealth health(int spooled, int resent, int expired, int refused) {
            MetricsLookup x = lookups.get(Network.X);
            return new RunHealth(snapshots().size(), failures.size(), spooled, resent, expired, refused,
                    x == null ? OptionalLong.empty() : x.lowestRateLimitRemaining());
        }

        /** The summary of these accounts, their networks' requests, and what became of the samples. */
        RunSummary summary(Delivery delivery, int spooled, int resent, int expired, int refused, long durationMs) {
            return new RunSummary(accounts.requested(), snapshots().size(), failures.size(), failures,
                    requests(Network.X), requests(Network.BLUESKY), requests(Network.MASTODON),
                    delivery.requests(), delivery.seriesSent(), spooled, resent, expired, refused, durationMs);
        }
    }

    private final MetricsSources sources;
    private final GaugeNaming naming;

    MetricsReading(MetricsSources sources, GaugeNaming naming) {
        this.sources = Objects.requireNonNull(sources);
        this.naming = Objects.requireNonNull(naming);
    }

    /** A run (or a preview) needs at least one valid account: checked before anything else happens. */
    static void requireAccounts(AccountList accounts, Deadline deadline) {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(deadline, "deadline");
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one valid account");
        }
    }

    /**
     * Reads every network the list holds, the networks concurrently; throws when every request to every network
     * failed, since then there is nothing to report. What a source throws (X rejecting the credentials) is thrown.
     */
    Read read(AccountList accounts, Deadline deadline) {
        requireAccounts(accounts, deadline);
        List<Network> networks = new ArrayList<>();
        List<Supplier<MetricsLookup>> lookups = new ArrayList<>();
        if (!accounts.handles().isEmpty()) {
            networks.add(Network.X);
            lookups.add(() -> sources.x().lookup(accounts.handles(), deadline));
        }
        if (!accounts.bluesky().isEmpty()) {
            networks.add(Network.BLUESKY);
            lookups.add(() -> sources.bluesky().lookup(accounts.bluesky(), deadline));
        }
        if (!accounts.mastodon().isEmpty()) {
            networks.add(Network.MASTODON);
            lookups.add(() -> sources.mastodon().lookup(accounts.mastodon(), deadline));
        }
        List<MetricsLookup> results = Bounded.map(lookups, lookups.size(), "network-lookup", Supplier::get);
        Map<Network, MetricsLookup> byNetwork = new EnumMap<>(Network.class);
        for (int i = 0; i < networks.size(); i++) {
            byNetwork.put(networks.get(i), results.get(i));
        }
        failIfEveryRequestFailed(byNetwork);

        List<AccountFailure> failures = new ArrayList<>(accounts.invalid());
        List<Gauge> gauges = new ArrayList<>();
        for (MetricsLookup lookup : byNetwork.values()) {
            failures.addAll(lookup.failures());
            for (AccountSnapshot snapshot : lookup.snapshots()) {
                gauges.addAll(naming.gaugesOf(snapshot));
            }
        }
        return new Read(accounts, byNetwork, failures, gauges);
    }

    /**
     * The accounts' gauges, then the run-health gauges of these accounts and of what became of the spool's backlog
     * ({@link Read#health}), stamped {@code at}.
     */
    List<Gauge> gaugesWithRunHealth(Read read, int spooled, int resent, int expired, int refused, Instant at) {
        List<Gauge> gauges = new ArrayList<>(read.gauges());
        gauges.addAll(naming.runHealth(read.health(spooled, resent, expired, refused), at));
        return gauges;
    }

    private static void failIfEveryRequestFailed(Map<Network, MetricsLookup> lookups) {
        int requests = lookups.values().stream().mapToInt(MetricsLookup::requests).sum();
        int failed = lookups.values().stream().mapToInt(MetricsLookup::failedRequests).sum();
        if (requests == 0 || failed < requests) {
            return;
        }
        String firstProblem = AccountFailure.firstDetail(
                lookups.values().stream().flatMap(l -> l.failures().stream()).toList());
        if (lookups.size() == 1 && lookups.containsKey(Network.X)) {
            throw new ServiceUnavailableException(Service.X, "every X request failed (" + requests
                    + "); first problem: " + firstProblem, null);
        }
        Network first = lookups.keySet().iterator().next();
        String counts = lookups.entrySet().stream()
                .map(e -> e.getKey().displayName() + " " + e.getValue().requests())
                .collect(Collectors.joining(", "));
        throw new ServiceUnavailableException(first.service(), "every request to every network failed (" + counts
                + "); first problem: " + firstProblem, null);
    }
}
