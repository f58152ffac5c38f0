package io.github.twitterstats.adapter.out.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.config.Config;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.testing.FakeAwsServices.Outage;
import io.github.twitterstats.testing.FakeAwsServices;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The signed JSON 1.1 call (AwsJsonApi) against a loopback Secrets Manager that verifies the protocol and the signature. */
class SecretsManagerSecretStoreTest {

    private final FakeAwsServices aws = new FakeAwsServices();
    private final SecretsManagerSecretStore store = new SecretsManagerSecretStore(
            new AwsClients(new Config.AwsEndpoints(Optional.of(aws.endpoint()), Optional.empty(), Optional.empty())).secretsManager());

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void readsTheSecretsJsonFieldsByNameOrArn() {
        aws.secret("twitter-stats/x", "{\"bearer_token\":\"AAAA%3Dtoken\",\"note\":1}");

        assertThat(store.read("twitter-stats/x")).containsExactly(
                Map.entry("bearer_token", "AAAA%3Dtoken"), Map.entry("note", "1"));
        assertThat(store.read("arn:aws:secretsmanager:us-east-1:123456789012:secret:twitter-stats/x"))
                .containsEntry("bearer_token", "AAAA%3Dtoken");
        assertThat(aws.calls()).hasSize(2).allMatch(c -> c.startsWith("GetSecretValue "));
    }

    @Test
    void aMissingSecretIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> store.read("nope"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nope'")
                .hasMessageContaining("ResourceNotFoundException")
                .hasMessageContaining("secretsmanager:GetSecretValue");
    }

    @Test
    void aSecretThatIsNotAJsonObjectIsRejectedWithoutQuotingIt() {
        aws.secret("plain", "hunter2-not-json");

        assertThatThrownBy(() -> store.read("plain"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be a JSON object")
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @EnumSource(value = Outage.class, names = {"CONNECTION_RESET", "SERVICE_UNAVAILABLE_503", "INTERNAL_FAILURE_500", "THROTTLED"})
    void anOutageIsAPassingUnavailabilityNotAConfigurationError(Outage outage) {
        aws.secret("twitter-stats/x", "{\"bearer_token\":\"t\"}").outage(outage);

        assertThatThrownBy(() -> store.read("twitter-stats/x"))
                .isInstanceOfSatisfying(ServiceUnavailableException.class,
                        e -> assertThat(e.service()).isEqualTo(Service.SECRETS_MANAGER))
                .hasMessageContaining("'twitter-stats/x'");
        assertThat(aws.attempts()).as("three attempts, as the SDK's standard retry mode makes").isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = Outage.class, names = {"CONNECTION_RESET", "SERVICE_UNAVAILABLE_503", "INTERNAL_FAILURE_500", "THROTTLED"})
    void anOutageThatPassesWithinTheRetriesIsNotNoticed(Outage outage) {
        aws.secret("twitter-stats/x", "{\"bearer_token\":\"t\"}").outageFor(2, outage);

        assertThat(store.read("twitter-stats/x")).isEqualTo(Map.of("bearer_token", "t"));
        assertThat(aws.attempts()).isEqualTo(3);
    }

    @Test
    void accessDeniedIsAConfigurationErrorNamingTheSecret() {
        aws.secret("twitter-stats/x", "{\"bearer_token\":\"t\"}").outage(Outage.ACCESS_DENIED);

        assertThatThrownBy(() -> store.read("twitter-stats/x"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'twitter-stats/x'").hasMessageContaining("AccessDeniedException");
    }
}
