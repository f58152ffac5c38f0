package io.github.twitterstats.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Dropped;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.domain.SendResult;
import io.github.twitterstats.testing.InMemorySpool;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.testing.RecordingLog;
import io.github.twitterstats.testing.XOnlySources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The run's bookkeeping, with in-memory ports: the adapters have their own wire-level tests. */
class MetricsRunTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final GaugeNaming naming = new GaugeNaming("twitter", List.of());
    private final RecordingSink sink = new RecordingSink();
    private final RecordingLog log = new RecordingLog();

    private static AccountSnapshot snapshot(String handle) {
        return new AccountSnapshot(new Handle(handle),
                new PublicMetrics(10, 2, 30, 1, OptionalLong.of(5), OptionalLong.empty()), NOW);
    }

    private MetricsRun runWith(MetricsLookup lookup) {
        MetricsSource source = (handles, deadline) -> lookup;
        return new MetricsRun(XOnlySources.of(source), sink, new InMemorySpool(), naming, log, clock);
    }

    private Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(30), clock);
    }

    @Test
    void countsEveryRequestedAccountAsOkOrFailed() {
        MetricsLookup lookup = new MetricsLookup(List.of(snapshot("nasa")),
                List.of(new AccountFailure("ghost", FailureReason.NOT_FOUND, "Could not find user")),
                1, 0, OptionalLong.of(299));

        RunSummary summary = runWith(lookup).execute(AccountList.parse("nasa;ghost;bad-name"), deadline()).summary();

        assertThat(summary.accountsRequested()).isEqualTo(3);
        assertThat(summary.accountsOk()).isEqualTo(1);
        assertThat(summary.accountsFailed()).isEqualTo(2);
        assertThat(summary.failures()).extracting(f -> f.account() + ":" + f.reason().wireName())
                .containsExactly("bad-name:invalid_handle", "ghost:not_found");
        assertThat(summary.xRequests()).isEqualTo(1);
    }

    @Test
    void sendsAccountGaugesAndRunHealthInOneDelivery() {
        MetricsLookup lookup = new MetricsLookup(List.of(snapshot("nasa"), snapshot("esa")), List.of(), 1, 0,
                OptionalLong.of(120));

        RunSummary summary = runWith(lookup).execute(AccountList.parse("nasa;esa"), deadline()).summary();

        assertThat(sink.deliveries).hasSize(1);
        List<String> metrics = sink.deliveries.get(0).stream().map(Gauge::metric).toList();
        assertThat(metrics).filteredOn(m -> m.equals("twitter.followers_count")).hasSize(2);
        assertThat(metrics).contains("twitter.run.accounts_ok", "twitter.run.accounts_failed",
                "twitter.run.x_rate_limit_remaining");
        assertThat(summary.seriesSent()).isEqualTo(sink.deliveries.get(0).size());
        assertThat(summary.datadogRequests()).isEqualTo(1);
    }

    @Test
    void aPreviewSendsNothingButReportsTheGauges() {
        MetricsLookup lookup = new MetricsLookup(List.of(snapshot("nasa")), List.of(), 1, 0, OptionalLong.empty());

        RunReport report = new MetricsPreview(XOnlySources.of((handles, deadline) -> lookup), naming, log, clock)
                .preview(AccountList.parse("nasa"), deadline());

        assertThat(sink.deliveries).isEmpty();
        assertThat(report.gauges()).extracting(Gauge::metric).contains("twitter.followers_count");
        assertThat(report.summary().datadogRequests()).isZero();
        assertThat(report.summary().seriesSent()).isZero();
    }

    @Test
    void failsWhenEveryXRequestFailed() {
        MetricsLookup lookup = new MetricsLookup(List.of(),
                List.of(new AccountFailure("nasa", FailureReason.X_ERROR, "HTTP 503 after 4 attempts")), 4, 4,
                OptionalLong.empty());

        assertThatThrownBy(() -> runWith(lookup).execute(AccountList.parse("nasa"), deadline()))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("every X request failed")
                .hasMessageContaining("HTTP 503 after 4 attempts");
        assertThat(sink.deliveries).isEmpty();
    }

    @Test
    void rateLimitedAccountsAreFailuresNotAFailedRun() {
        MetricsLookup lookup = new MetricsLookup(List.of(),
                List.of(new AccountFailure("nasa", FailureReason.RATE_LIMITED, "reset in 600 s")), 1, 0,
                OptionalLong.of(0));

        RunSummary summary = runWith(lookup).execute(AccountList.parse("nasa"), deadline()).summary();

        assertThat(summary.accountsFailed()).isEqualTo(1);
        assertThat(summary.failures().get(0).reason()).isEqualTo(FailureReason.RATE_LIMITED);
    }

    @Test
    void logsOneLinePerFailedAccountAndOneForTheRun() {
        MetricsLookup lookup = new MetricsLookup(List.of(snapshot("nasa")),
                List.of(new AccountFailure("gone", FailureReason.SUSPENDED, "User has been suspended")), 1, 0,
                OptionalLong.empty());

        RunSummary summary = runWith(lookup).execute(AccountList.parse("nasa;gone"), deadline()).summary();

        assertThat(log.accountFailures()).extracting(AccountFailure::account).containsExactly("gone");
        assertThat(log.summaries()).containsExactly(summary);
    }

    @Test
    void theSpoolsBacklogGoesOutWhileTheNetworksAnswerAndStillBeforeTheRunsOwnSamples() {
        InMemorySpool spool = new InMemorySpool();
        List<Gauge> backlog = naming.gaugesOf(snapshot("earlier"));
        spool.add(backlog);
        CountDownLatch networksAsked = new CountDownLatch(1);
        List<List<Gauge>> deliveries = new CopyOnWriteArrayList<>();
        MetricsSink sink = gauges -> {
            if (deliveries.isEmpty()) {
                // the backlog's delivery waits for the networks to be asked: one after the other, it would wait in vain
                await(networksAsked, "the networks were not asked while the backlog went out");
            }
            deliveries.add(List.copyOf(gauges));
            return new SendResult.Delivered(new Delivery(1, gauges.size()), Dropped.NONE);
        };
        MetricsSource source = (handles, deadline) -> {
            networksAsked.countDown();
            return new MetricsLookup(List.of(snapshot("nasa")), List.of(), 1, 0, OptionalLong.empty());
        };

        RunReport report = new MetricsRun(XOnlySources.of(source), sink, spool, naming, log, clock)
                .execute(AccountList.parse("nasa"), deadline());

        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0)).isEqualTo(backlog);
        assertThat(deliveries.get(1)).containsAll(naming.gaugesOf(snapshot("nasa")));
        assertThat(report.summary().resent()).isEqualTo(backlog.size());
        assertThat(spool.pending()).isEmpty();
    }

    private static void await(CountDownLatch latch, String otherwise) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError(otherwise);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(otherwise, e);
        }
    }

    @Test
    void aRunNeedsAValidHandle() {
        assertThatThrownBy(() -> runWith(new MetricsLookup(List.of(), List.of(), 0, 0, OptionalLong.empty()))
                .execute(AccountList.parse("not-valid"), deadline())).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class RecordingSink implements MetricsSink {
        final List<List<Gauge>> deliveries = new ArrayList<>();

        @Override
        public SendResult send(List<Gauge> gauges) {
            deliveries.add(List.copyOf(gauges));
            return new SendResult.Delivered(new Delivery(1, gauges.size()), Dropped.NONE);
        }
    }
}
