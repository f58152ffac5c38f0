package io.github.twitterstats.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.adapter.out.datadog.DatadogMetricsSink;
import io.github.twitterstats.config.DatadogCredentials;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.GaugeNaming;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeDatadogApi.ReceivedSeries;
import io.github.twitterstats.testing.InMemorySpool;
import io.github.twitterstats.testing.XOnlySources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promise "nothing leaves the spool uncounted", over the real DataDog sink and a strict loopback DataDog:
 * a spooled sample DataDog would refuse for its content (not a finite number, further ahead than DataDog
 * accepts) is dropped from the spool and counted as {@code refused}, in the summary and in the run-health gauge.
 */
class EverySampleIsCountedTest {

    private final FakeDatadogApi datadog = new FakeDatadogApi();
    private final Clock clock = Clock.systemUTC();
    private final Instant now = clock.instant();
    private final InMemorySpool spool = new InMemorySpool();
    private final GaugeNaming naming = new GaugeNaming("twitter", List.of());

    private final MetricsSource x = (handles, deadline) -> new MetricsLookup(
            handles.stream().map(h -> new AccountSnapshot(h,
                    new PublicMetrics(1, 2, 3, 4, OptionalLong.empty(), OptionalLong.empty()), now)).toList(),
            List.of(), 1, 0, OptionalLong.empty());

    @BeforeEach
    void start() {
        datadog.start();
    }

    @AfterEach
    void stop() {
        datadog.close();
    }

    private DatadogMetricsSink sink() {
        return new DatadogMetricsSink(new DatadogCredentials(datadog.apiKey(), Optional.empty()), datadog.baseUrl(),
                RunLog.SILENT, clock);
    }

    @Test
    void spooledSamplesDatadogWouldRefuseLeaveTheSpoolCountedAsRefused() {
        List<String> tags = List.of("account:nasa");
        Gauge good = new Gauge("twitter.followers_count", 10, now.minus(Duration.ofMinutes(5)), tags);
        Gauge alsoGood = new Gauge("twitter.friends_count", 20, now.minus(Duration.ofMinutes(5)), tags);
        Gauge tooFarAhead = new Gauge("twitter.status_count", 30, now.plus(Duration.ofMinutes(11)), tags);
        Gauge notFinite = new Gauge("twitter.listed_count", Double.NaN, now.minus(Duration.ofMinutes(5)), tags);
        spool.add(List.of(good, alsoGood, tooFarAhead, notFinite));

        RunSummary summary = new MetricsRun(XOnlySources.of(x), sink(), spool, naming, RunLog.SILENT, clock)
                .execute(AccountList.parse("nasa"), Deadline.after(Duration.ofSeconds(30), clock))
                .summary();

        assertThat(spool.gauges()).isEmpty();
        Map<String, Object> counts = summary.toMap();
        assertThat(counts).containsEntry("resent", 2).containsEntry("expired", 0).containsEntry("spooled", 0)
                .containsEntry("refused", 2);
        assertThat(datadog.receivedSeries()).filteredOn(s -> s.metric().equals("twitter.run.refused"))
                .extracting(ReceivedSeries::points).singleElement()
                .satisfies(points -> assertThat(points.get(0).value()).isEqualTo(2.0));
    }
}
