package io.github.twitterstats.adapter.in.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.LambdaEvents;
import io.github.twitterstats.testing.MutableClock;
import io.github.twitterstats.testing.LoopbackS3;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deployed function's spool: an S3 prefix (SPOOL_BUCKET), over a real S3 peer on loopback. */
class MetricsHandlerSpoolTest {

    private static final String BEARER = "handler-spool-bearer";
    private static final int PER_RUN = 2 * 5 + 7;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(BEARER));
    private final FakeDatadogApi datadog = new FakeDatadogApi(FakeDatadogApi.DEFAULT_API_KEY, clock).start();
    private final LoopbackS3 s3 = start();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final ScheduledEvent event = LambdaEvents.read("scheduled-event.json", ScheduledEvent.class);

    private static LoopbackS3 start() {
        try {
            return new LoopbackS3().createBucket("ts-spool");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        x.close();
        datadog.close();
        s3.close();
    }

    @Test
    void aFailedInvocationLeavesItsSamplesInS3AndTheNextDeliversThem() {
        x.addAccount("nasa");
        x.addAccount("esa");
        Map<String, String> env = new HashMap<>();
        env.put("ACCOUNTS", "nasa,esa");
        env.put("X_BEARER_TOKEN", BEARER);
        env.put("X_API_URL", x.baseUrl().toString());
        env.put("DD_API_KEY", datadog.apiKey());
        env.put("DD_API_URL", datadog.baseUrl().toString());
        env.put("SPOOL_BUCKET", "ts-spool");
        env.put("AWS_ENDPOINT_URL", s3.endpoint().toString());
        MetricsHandler handler = new MetricsHandler(new HandlerRuntime(env,
                new PrintStream(logBytes, true, StandardCharsets.UTF_8), clock));

        datadog.dropNextConnections(Integer.MAX_VALUE);
        assertThatThrownBy(() -> handler.handleRequest(event, LambdaEvents.context("ts", Duration.ofSeconds(60))))
                .isInstanceOf(RunFailedException.class).hasMessageContaining(PER_RUN + " samples wait in the spool")
                .hasMessageContaining("s3://ts-spool/spool/");
        assertThat(s3.keys("ts-spool")).singleElement().asString().startsWith("spool/").endsWith(".json");
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("\"spooled\":" + PER_RUN);

        datadog.clearFaults();
        clock.advance(Duration.ofMinutes(5));
        Map<String, Object> summary = handler.handleRequest(event, LambdaEvents.context("ts", Duration.ofSeconds(60)));

        assertThat(summary).containsEntry("resent", PER_RUN).containsEntry("spooled", 0).containsEntry("expired", 0)
                .containsEntry("series_sent", 2 * PER_RUN);
        assertThat(datadog.receivedSeries()).hasSize(2 * PER_RUN).doesNotHaveDuplicates();
        assertThat(s3.keys("ts-spool")).isEmpty();
    }
}
