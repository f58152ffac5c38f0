package io.github.twitterstats.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {

    @Test
    void rejectedCredentialsNameTheVariablesThatHoldThem() {
        assertThat(FailureMessages.describe(new CredentialsRejectedException(Service.X, "X answered HTTP 401")))
                .startsWith("X answered HTTP 401; check ").contains("X_BEARER_TOKEN").contains("X_CONSUMER_KEY")
                .contains("X_CONSUMER_SECRET").contains("X_ACCESS_TOKEN").contains("X_ACCESS_TOKEN_SECRET")
                .contains("X_CREDENTIALS_SECRET");
        assertThat(FailureMessages.describe(new CredentialsRejectedException(Service.DATADOG, "HTTP 403")))
                .contains("DD_API_KEY").contains("DD_CREDENTIALS_SECRET").contains("DD_SITE");
        assertThat(FailureMessages.describe(new CredentialsRejectedException(Service.DATADOG_DASHBOARDS, "HTTP 403")))
                .contains("DD_APP_KEY");
    }

    @Test
    void anOutageSaysTheNextRunTriesAgainAndWhatToCheckIfItPersists() {
        assertThat(FailureMessages.describe(new ServiceUnavailableException(Service.SECRETS_MANAGER,
                "Secrets Manager is unavailable after retries", null)))
                .contains("the next run tries again").contains("AWS_ENDPOINT_URL");
        assertThat(FailureMessages.describe(new ServiceUnavailableException(Service.DATADOG, "HTTP 503", null)))
                .contains("DD_SITE").contains("DD_API_URL");
        assertThat(FailureMessages.describe(new ServiceUnavailableException(Service.X, "every X request failed", null)))
                .startsWith("every X request failed; ").contains("the next run tries again").contains("X_API_URL");
    }

    @Test
    void configurationErrorsAndOtherFailuresAreToldAsTheyAre() {
        assertThat(FailureMessages.describe(new ConfigurationException("set ACCOUNTS"))).isEqualTo("set ACCOUNTS");
        assertThat(FailureMessages.describe(new RunFailedException("every X request failed")))
                .isEqualTo("every X request failed");
    }
}
