package io.github.twitterstats.adapter.out.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.config.Config;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.testing.FakeAwsServices.Outage;
import io.github.twitterstats.testing.FakeAwsServices;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The signed JSON 1.1 call (AwsJsonApi) against a loopback SSM that verifies the protocol and the signature. */
class SsmParameterStoreTest {

    private final FakeAwsServices aws = new FakeAwsServices();
    private final SsmParameterStore store = new SsmParameterStore(
            new AwsClients(new Config.AwsEndpoints(Optional.of(aws.endpoint()), Optional.empty(), Optional.empty())).ssm());

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void readsStringAndStringListParameters() {
        aws.parameter("/twitter-stats/accounts", "StringList", "nasa,esa,jaxa");
        aws.parameter("accounts-plain", "String", "nasa; esa");

        assertThat(store.read("/twitter-stats/accounts")).isEqualTo("nasa,esa,jaxa");
        assertThat(store.read("accounts-plain")).isEqualTo("nasa; esa");
        assertThat(aws.calls()).containsExactly("GetParameter /twitter-stats/accounts", "GetParameter accounts-plain");
    }

    @Test
    void aMissingParameterIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> store.read("/nope"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'/nope'").hasMessageContaining("ACCOUNTS_PARAMETER")
                .hasMessageContaining("ParameterNotFound");
    }

    @ParameterizedTest
    @EnumSource(value = Outage.class, names = {"CONNECTION_RESET", "SERVICE_UNAVAILABLE_503", "INTERNAL_FAILURE_500", "THROTTLED"})
    void anOutageIsAPassingUnavailabilityNotAConfigurationError(Outage outage) {
        aws.parameter("/twitter-stats/accounts", "StringList", "nasa").outage(outage);

        assertThatThrownBy(() -> store.read("/twitter-stats/accounts"))
                .isInstanceOfSatisfying(ServiceUnavailableException.class,
                        e -> assertThat(e.service()).isEqualTo(Service.SSM))
                .hasMessageContaining("'/twitter-stats/accounts'");
        assertThat(aws.attempts()).as("three attempts, as the SDK's standard retry mode makes").isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = Outage.class, names = {"CONNECTION_RESET", "SERVICE_UNAVAILABLE_503", "INTERNAL_FAILURE_500", "THROTTLED"})
    void anOutageThatPassesWithinTheRetriesIsNotNoticed(Outage outage) {
        aws.parameter("/twitter-stats/accounts", "StringList", "nasa").outageFor(2, outage);

        assertThat(store.read("/twitter-stats/accounts")).isEqualTo("nasa");
        assertThat(aws.attempts()).isEqualTo(3);
    }

    @Test
    void accessDeniedIsAConfigurationErrorNamingTheParameter() {
        aws.parameter("/twitter-stats/accounts", "StringList", "nasa").outage(Outage.ACCESS_DENIED);

        assertThatThrownBy(() -> store.read("/twitter-stats/accounts"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'/twitter-stats/accounts'").hasMessageContaining("AccessDeniedException");
    }
}
