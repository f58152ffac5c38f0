package io.github.twitterstats.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Admission;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Dropped;
import io.github.twitterstats.domain.IntakeWindow;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.domain.SendResult;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.testing.InMemorySpool;
import io.github.twitterstats.testing.MutableClock;
import io.github.twitterstats.testing.RecordingLog;
import io.github.twitterstats.testing.XOnlySources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The delivery guarantee in the core, with an in-memory spool and a scripted sink: the adapters'
 * own tests and the end-to-end spool specs cover the same rules over real files, S3 and HTTP.
 */
class SpooledDeliveryTest {

    /** Per run: 2 accounts x 5 gauges (no media count) + 6 run-health gauges (no rate-limit figure). */
    private static final int PER_RUN = 2 * 5 + 6;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemorySpool spool = new InMemorySpool();
    private final ScriptedSink sink = new ScriptedSink();
    private final RecordingLog log = new RecordingLog();
    private final GaugeNaming naming = new GaugeNaming("twitter", List.of());
    private int followers = 100;

    /** X answers every run with fresh counts, stamped with the run's time. */
    private final MetricsSource source = (handles, deadline) -> new MetricsLookup(
            handles.stream().map(h -> new AccountSnapshot(h,
                    new PublicMetrics(followers++, 2, 3, 4, OptionalLong.of(5), OptionalLong.empty()),
                    clock.instant())).toList(),
            List.of(), 1, 0, OptionalLong.empty());

    private RunSummary run() {
        return new MetricsRun(XOnlySources.of(source), sink, spool, naming, log, clock)
                .execute(AccountList.parse("nasa;esa"), Deadline.after(Duration.ofSeconds(30), clock))
                .summary();
    }

    private RunFailedException failedRun() {
        return catchThrowableOfType(RunFailedException.class, this::run);
    }

    @Test
    void datadogDownForThreeRunsThenUpEverySampleArrivesOnceWithItsTimestampInTheFourth() {
        sink.down = true;
        List<Gauge> offered = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            RunFailedException failure = failedRun();
            assertThat(failure).as("run %d fails, as the contract says", run).isNotNull();
            assertThat(failure.getMessage()).contains(run * PER_RUN + " samples wait in the spool");
            assertThat(spool.gauges()).hasSize(run * PER_RUN);
            offered.addAll(sink.lastOffered);
            clock.advance(Duration.ofMinutes(5));
        }
        List<Gauge> spooledBeforeRecovery = spool.gauges();

        sink.down = false;
        sink.accepted.clear();
        RunSummary fourth = run();

        assertThat(fourth.resent()).isEqualTo(3 * PER_RUN);
        assertThat(fourth.expired()).isZero();
        assertThat(fourth.spooled()).isZero();
        assertThat(fourth.seriesSent()).isEqualTo(4 * PER_RUN);
        assertThat(spool.gauges()).isEmpty();
        // oldest first, then the run's own samples; each exactly once, timestamps untouched
        assertThat(sink.accepted.subList(0, 3 * PER_RUN)).containsExactlyElementsOf(spooledBeforeRecovery);
        assertThat(sink.accepted).doesNotHaveDuplicates();
        assertThat(sink.accepted.subList(0, 3 * PER_RUN)).extracting(Gauge::timestamp).containsOnly(
                Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:05:00Z"),
                Instant.parse("2026-11-22T10:10:00Z"));
    }

    @Test
    void theRunHealthGaugesOfTheDownRunsCarryTheBacklogTheyFound() {
        sink.down = true;
        failedRun();
        clock.advance(Duration.ofMinutes(5));
        failedRun();
        clock.advance(Duration.ofMinutes(5));
        sink.down = false;
        run();

        // run 1 found nothing waiting; run 2 found run 1's samples and could not clear them
        assertThat(sink.accepted).filteredOn(g -> g.metric().equals("twitter.run.spooled"))
                .extracting(Gauge::value).containsExactly(0.0, (double) PER_RUN, 0.0);
        assertThat(sink.accepted).filteredOn(g -> g.metric().equals("twitter.run.resent"))
                .extracting(Gauge::value).containsExactly(0.0, 0.0, 2.0 * PER_RUN);
    }

    @Test
    void aSpooledSampleOlderThanTheWindowIsDroppedCountedAndNeverSent() {
        sink.down = true;
        failedRun();
        clock.advance(Duration.ofMinutes(59).plusSeconds(1)); // past DataDog's hour, less the minute kept back
        sink.down = false;

        RunSummary summary = run();

        assertThat(summary.expired()).isEqualTo(PER_RUN);
        assertThat(summary.resent()).isZero();
        assertThat(summary.seriesSent()).isEqualTo(PER_RUN);
        assertThat(sink.accepted).allSatisfy(g -> assertThat(g.timestamp()).isEqualTo(clock.instant()));
        assertThat(spool.gauges()).isEmpty();
        assertThat(sink.accepted).filteredOn(g -> g.metric().equals("twitter.run.expired"))
                .extracting(Gauge::value).containsExactly((double) PER_RUN);
        assertThat(log.events()).filteredOn(e -> e.message().contains("too old for DataDog dropped unsent"))
                .singleElement().satisfies(e -> assertThat(e.fields().get("samples").toString())
                        .contains("twitter.followers_count[account:"));
    }

    @Test
    void aSampleAtTheWindowsEdgeIsStillSent() {
        sink.down = true;
        failedRun();
        clock.advance(Duration.ofMinutes(59));
        sink.down = false;

        assertThat(run().resent()).isEqualTo(PER_RUN);
    }

    @Test
    void onlyWhatDatadogDidNotTakeStaysInTheSpool() {
        sink.acceptOnly = 4; // the sink's first request lands, the next fails after its retries

        RunFailedException failure = failedRun();

        assertThat(failure).isNotNull();
        assertThat(spool.gauges()).hasSize(PER_RUN - 4).containsExactlyElementsOf(
                sink.lastOffered.subList(4, PER_RUN));
        sink.acceptOnly = Integer.MAX_VALUE;
        clock.advance(Duration.ofMinutes(5));
        RunSummary next = run();
        assertThat(next.resent()).isEqualTo(PER_RUN - 4);
        assertThat(sink.accepted).doesNotHaveDuplicates().hasSize(PER_RUN - 4 + 4 + PER_RUN);
    }

    @Test
    void aSuccessfulRunLeavesNothingBehindSoTheNextResendsNothing() {
        RunSummary first = run();
        clock.advance(Duration.ofMinutes(5));
        RunSummary second = run();

        assertThat(first.spooled()).isZero();
        assertThat(second.resent()).isZero();
        assertThat(sink.accepted).hasSize(2 * PER_RUN).doesNotHaveDuplicates();
        assertThat(spool.gauges()).isEmpty();
    }

    @Test
    void onceDatadogFailedTheRunsOwnSamplesGoStraightToTheSpool() {
        sink.down = true;
        failedRun();
        clock.advance(Duration.ofMinutes(5));
        sink.calls = 0;

        failedRun();

        assertThat(sink.calls).as("the backlog's send failed; the run's own is not tried again").isEqualTo(1);
        assertThat(spool.gauges()).hasSize(2 * PER_RUN);
    }

    @Test
    void theFailedRunsLogLineCarriesTheSpoolCounts() {
        sink.down = true;
        failedRun();

        assertThat(log.events()).anySatisfy(e -> {
            assertThat(e.message()).contains("wait in the spool");
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) e.fields().get("summary");
            assertThat(summary).containsEntry("spooled", PER_RUN).containsEntry("resent", 0)
                    .containsEntry("expired", 0);
        });
    }

    @Test
    void whileDatadogIsDownABatchNotSentStillShedsWhatDatadogWouldRefuseAndCountsIt() {
        List<String> tags = List.of("account:nasa");
        Instant earlier = clock.instant().minus(Duration.ofMinutes(10));
        spool.add(List.of(new Gauge("twitter.followers_count", 1, earlier, tags)));
        Gauge kept = new Gauge("twitter.friends_count", 2, earlier, tags);
        Gauge notFinite = new Gauge("twitter.listed_count", Double.NaN, earlier, tags);
        spool.add(List.of(kept, notFinite));
        sink.down = true;

        RunFailedException failure = failedRun();

        assertThat(failure).isNotNull();
        assertThat(sink.calls).as("only the oldest batch is tried").isEqualTo(1);
        assertThat(spool.gauges()).contains(kept).doesNotContain(notFinite).hasSize(1 + 1 + PER_RUN);
        assertThat(log.events()).anySatisfy(e -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> summary = (Map<String, Object>) e.fields().get("summary");
            assertThat(summary).isNotNull();
            assertThat(summary).containsEntry("refused", 1).containsEntry("spooled", 2 + PER_RUN);
        });
        assertThat(sink.lastOffered).as("the run's own gauges were not offered").hasSize(1);
        assertThat(spool.gauges()).filteredOn(g -> g.metric().equals("twitter.run.refused"))
                .extracting(Gauge::value).containsExactly(1.0);
    }

    @Test
    void aRejectedKeyFailsTheRunAndKeepsEverySample() {
        sink.reject = true;

        assertThatThrownBy(this::run).isInstanceOf(CredentialsRejectedException.class);

        assertThat(spool.gauges()).hasSize(PER_RUN);
    }

    @Test
    void aProcessThatDiesMidSendLosesNothingAndResendsOnlyIdenticalPoints() {
        sink.dieAfterAccepting = true; // DataDog took the batch, then the process died before the 202 was seen
        assertThatThrownBy(this::run).isInstanceOf(ProcessDeath.class);
        List<Gauge> landedBeforeDeath = List.copyOf(sink.accepted);
        assertThat(spool.gauges()).as("written ahead, still there").containsExactlyElementsOf(landedBeforeDeath);

        sink.dieAfterAccepting = false;
        clock.advance(Duration.ofMinutes(5));
        RunSummary next = run();

        assertThat(next.resent()).isEqualTo(PER_RUN);
        // the repeats are the very same points (metric, tags, timestamp, value): one point each to DataDog
        List<Gauge> repeats = sink.accepted.subList(PER_RUN, 2 * PER_RUN);
        assertThat(repeats).containsExactlyElementsOf(landedBeforeDeath);
        assertThat(spool.gauges()).isEmpty();
    }

    @Test
    void aBrokenSpoolDoesNotStopDelivery() {
        spool.breakIt();

        RunSummary summary = run();

        assertThat(summary.seriesSent()).isEqualTo(PER_RUN);
        assertThat(log.events()).extracting(RecordingLog.Event::message)
                .anyMatch(m -> m.contains("the spool cannot be read"))
                .anyMatch(m -> m.contains("the spool cannot be written"));
    }

    @Test
    void aPreviewLeavesTheSpoolAlone() {
        sink.down = true;
        failedRun();

        new MetricsPreview(XOnlySources.of(source), naming, log, clock).preview(AccountList.parse("nasa"),
                Deadline.after(Duration.ofSeconds(30), clock));

        assertThat(spool.gauges()).hasSize(PER_RUN);
    }

    /** Stands for the process being killed: nothing after it runs. */
    private static final class ProcessDeath extends Error {
    }

    private final class ScriptedSink implements MetricsSink {
        final List<Gauge> accepted = new ArrayList<>();
        List<Gauge> lastOffered = List.of();
        boolean down;
        boolean reject;
        boolean dieAfterAccepting;
        int acceptOnly = Integer.MAX_VALUE;
        int calls;

        /** Like the DataDog sink, sends only what DataDog would still ingest, and says what it dropped. */
        @Override
        public SendResult send(List<Gauge> offered) {
            calls++;
            lastOffered = List.copyOf(offered);
            Admission admission = IntakeWindow.DATADOG.admit(offered, clock.instant());
            List<Gauge> gauges = admission.admitted();
            Dropped dropped = admission.dropped();
            if (reject) {
                throw new CredentialsRejectedException(Service.DATADOG, "DataDog rejected the API key (HTTP 403)");
            }
            if (down) {
                return new SendResult.Undelivered(new Delivery(4, 0), dropped, gauges, "HTTP 500 after 4 attempts");
            }
            int taken = Math.min(acceptOnly, gauges.size());
            accepted.addAll(gauges.subList(0, taken));
            if (dieAfterAccepting) {
                throw new ProcessDeath();
            }
            if (taken < gauges.size()) {
                return new SendResult.Undelivered(new Delivery(5, taken), dropped, gauges.subList(taken, gauges.size()),
                        "HTTP 503 after 4 attempts");
            }
            return new SendResult.Delivered(new Delivery(1, taken), dropped);
        }
    }
}
