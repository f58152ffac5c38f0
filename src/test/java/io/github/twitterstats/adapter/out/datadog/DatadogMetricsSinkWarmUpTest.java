package io.github.twitterstats.adapter.out.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.config.DatadogCredentials;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Dropped;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.SendResult;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.testing.FakeDatadogApi;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SnapStart warm-up exercises the first send's one-off work without ever reaching DataDog. */
class DatadogMetricsSinkWarmUpTest {

    private final FakeDatadogApi datadog = new FakeDatadogApi().start();
    private final DatadogMetricsSink sink = new DatadogMetricsSink(
            new DatadogCredentials(datadog.apiKey(), Optional.empty()), datadog.baseUrl(),
            RunLog.SILENT, Clock.systemUTC());

    @AfterEach
    void stop() {
        datadog.close();
    }

    @Test
    void aWarmUpSendsNothing() {
        sink.warmUp();

        assertThat(datadog.requestCount()).isZero();
    }

    @Test
    void aSendAfterAWarmUpDeliversExactlyItsOwnSeries() {
        sink.warmUp();
        Gauge gauge = new Gauge("twitter.followers_count", 42, Instant.now(), List.of("account:nasa"));

        SendResult result = sink.send(List.of(gauge));

        assertThat(result).isEqualTo(new SendResult.Delivered(new Delivery(1, 1), Dropped.NONE));
        assertThat(datadog.requestCount()).isEqualTo(1);
        assertThat(datadog.receivedSeries()).singleElement()
                .satisfies(s -> assertThat(s.metric()).isEqualTo("twitter.followers_count"));
    }
}
