package io.github.twitterstats.adapter.out.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.config.DatadogCredentials;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.testing.FakeDatadogApi;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How DatadogDashboards meets a Dashboards API that does not answer 200, against the loopback fake:
 * what is worth asking again is asked again, the rest stops at once, and nothing is written twice.
 */
class DatadogDashboardsTest {

    private final FakeDatadogApi datadog = new FakeDatadogApi().start();
    private final DatadogDashboards dashboards = new DatadogDashboards(
            new DatadogCredentials(datadog.apiKey(), Optional.of(FakeDatadogApi.DEFAULT_APP_KEY)),
            datadog.baseUrl(), RunLog.SILENT);

    @AfterEach
    void stop() {
        datadog.close();
    }

    @Test
    void serverErrorsAreAskedAgainAndTheDashboardIsWrittenOnce() {
        datadog.failNext(2, 503);

        DatadogDashboards.Applied applied = dashboards.apply("twitter");

        assertThat(applied.created()).isTrue();
        assertThat(datadog.dashboards().writes()).hasSize(1);
        assertThat(datadog.requests()).extracting(FakeDatadogApi.ReceivedRequest::method)
                .containsExactly("GET", "GET", "GET", "POST");
    }

    @Test
    void aRateLimitIsAskedAgain() {
        datadog.passNext(1).failNext(1, 429);

        assertThat(dashboards.apply("twitter").created()).isTrue();
        assertThat(datadog.requests()).extracting(FakeDatadogApi.ReceivedRequest::method)
                .containsExactly("GET", "POST", "POST");
        assertThat(datadog.dashboards().writes()).hasSize(1);
    }

    @Test
    void aBadRequestIsNotAskedAgain() {
        datadog.passNext(1).failNext(1, 400);

        assertThatThrownBy(() -> dashboards.apply("twitter")).isInstanceOf(RunFailedException.class)
                .hasMessageContaining("HTTP 400");
        assertThat(datadog.requestCount()).isEqualTo(2);
        assertThat(datadog.dashboards().stored()).isEmpty();
    }

    @Test
    void serverErrorsThatLastGiveUpAfterTheBoundedAttempts() {
        datadog.failAlways(500);

        assertThatThrownBy(() -> dashboards.apply("twitter")).isInstanceOf(RunFailedException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(datadog.requestCount()).isEqualTo(4);
    }

    @Test
    void droppedConnectionsSayDataDogCannotBeReachedAndAreNotRepeated() {
        datadog.dropNextConnections(10);

        assertThatThrownBy(() -> dashboards.apply("twitter")).isInstanceOfSatisfying(ServiceUnavailableException.class,
                e -> assertThat(e.service()).isEqualTo(Service.DATADOG_DASHBOARDS))
                .hasMessageContaining("cannot reach DataDog's Dashboards API");
        // the JDK client repeats an idempotent GET once by itself when the connection drops; this class does not
        assertThat(datadog.requestCount()).isEqualTo(2);
    }
}
