package io.github.twitterstats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.port.SecretStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private final Map<String, Map<String, String>> secrets = new HashMap<>();
    private final AtomicInteger secretReads = new AtomicInteger();
    private final SecretStore store = id -> {
        secretReads.incrementAndGet();
        Map<String, String> secret = secrets.get(id);
        if (secret == null) {
            throw new ConfigurationException("cannot read the Secrets Manager secret '" + id + "'");
        }
        return secret;
    };

    private Credentials resolver(Map<String, String> env) {
        return new Credentials(Config.from(env).credentials(), () -> store);
    }

    @Test
    void aDirectBearerTokenNeedsNoSecretStore() {
        Credentials resolver = new Credentials(Config.from(Map.of("X_BEARER_TOKEN", "AAAA")).credentials(), () -> {
            throw new AssertionError("the secret store must not be built");
        });

        assertThat(resolver.x()).isEqualTo(new XCredentials.BearerToken("AAAA"));
    }

    @Test
    void fourDirectOAuthValuesMakeAUserContext() {
        XCredentials x = resolver(Map.of("X_CONSUMER_KEY", "ck", "X_CONSUMER_SECRET", "cs",
                "X_ACCESS_TOKEN", "at", "X_ACCESS_TOKEN_SECRET", "ats")).x();

        assertThat(x).isEqualTo(new XCredentials.UserContext("ck", "cs", "at", "ats"));
    }

    @Test
    void someButNotAllOAuthValuesNameTheMissingOnes() {
        assertThatThrownBy(() -> resolver(Map.of("X_CONSUMER_KEY", "ck", "X_ACCESS_TOKEN", "at")).x())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("missing: X_CONSUMER_SECRET, X_ACCESS_TOKEN_SECRET");
    }

    @Test
    void noXCredentialsAtAllSaysEveryWayToGiveThem() {
        assertThatThrownBy(() -> resolver(Map.of()).x())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("X_BEARER_TOKEN").hasMessageContaining("X_CONSUMER_KEY")
                .hasMessageContaining("X_CREDENTIALS_SECRET");
    }

    @Test
    void readsABearerTokenFromTheSecret() {
        secrets.put("x-creds", Map.of("bearer_token", "from-secret"));

        assertThat(resolver(Map.of("X_CREDENTIALS_SECRET", "x-creds")).x())
                .isEqualTo(new XCredentials.BearerToken("from-secret"));
    }

    @Test
    void directValuesWinOverTheSecretFieldByField() {
        secrets.put("x-creds", Map.of("consumer_key", "ck-secret", "consumer_secret", "cs-secret",
                "access_token", "at-secret", "access_token_secret", "ats-secret"));

        XCredentials x = resolver(Map.of("X_CREDENTIALS_SECRET", "x-creds", "X_CONSUMER_KEY", "ck-direct")).x();

        assertThat(x).isEqualTo(new XCredentials.UserContext("ck-direct", "cs-secret", "at-secret", "ats-secret"));
    }

    @Test
    void aSecretWithoutUsableFieldsNamesWhatItMustHold() {
        secrets.put("x-creds", Map.of("consumer_key", "ck"));

        assertThatThrownBy(() -> resolver(Map.of("X_CREDENTIALS_SECRET", "x-creds")).x())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bearer_token")
                .hasMessageContaining("missing: consumer_secret, access_token, access_token_secret")
                .hasMessageNotContaining("ck");
    }

    @Test
    void datadogKeysComeDirectlyOrFromTheSecret() {
        secrets.put("dd", Map.of("api_key", "api-from-secret", "app_key", "app-from-secret"));

        assertThat(resolver(Map.of("DD_API_KEY", "direct")).datadog())
                .isEqualTo(new DatadogCredentials("direct", Optional.empty()));
        assertThat(resolver(Map.of("DD_CREDENTIALS_SECRET", "dd")).datadog())
                .isEqualTo(new DatadogCredentials("api-from-secret", Optional.of("app-from-secret")));
        assertThat(resolver(Map.of("DD_CREDENTIALS_SECRET", "dd", "DD_API_KEY", "direct")).datadog())
                .isEqualTo(new DatadogCredentials("direct", Optional.of("app-from-secret")));
    }

    @Test
    void theSecretIsNotReadWhenEveryDatadogKeyIsGivenDirectly() {
        resolver(Map.of("DD_CREDENTIALS_SECRET", "dd", "DD_API_KEY", "a", "DD_APP_KEY", "b")).datadog();

        assertThat(secretReads).hasValue(0);
    }

    @Test
    void submittingMetricsDoesNotReadTheSecretWhenTheApiKeyIsGivenDirectly() {
        secrets.put("dd", Map.of("api_key", "api-from-secret", "app_key", "app-from-secret"));

        DatadogCredentials forMetrics = resolver(Map.of("DD_CREDENTIALS_SECRET", "dd", "DD_API_KEY", "direct"))
                .datadogApiKey();

        assertThat(forMetrics.apiKey()).isEqualTo("direct");
        assertThat(secretReads).as("the optional app key alone is no reason to read the secret").hasValue(0);
    }

    @Test
    void eachCredentialIsResolvedOnceAndKept() {
        secrets.put("x-creds", Map.of("bearer_token", "from-secret"));
        secrets.put("dd", Map.of("api_key", "api-from-secret"));
        Credentials credentials = resolver(Map.of("X_CREDENTIALS_SECRET", "x-creds", "DD_CREDENTIALS_SECRET", "dd"));

        credentials.x();
        credentials.x();
        credentials.datadogApiKey();
        credentials.datadogApiKey();

        assertThat(secretReads).hasValue(2);
    }

    @Test
    void noDatadogKeySaysWhatToSet() {
        assertThatThrownBy(() -> resolver(Map.of()).datadog())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DD_API_KEY").hasMessageContaining("DD_CREDENTIALS_SECRET");
    }

    @Test
    void credentialsNeverPrintTheirValues() {
        List<Object> all = List.of(new XCredentials.BearerToken("s3cr3t-bearer"),
                new XCredentials.UserContext("s3cr3t-ck", "s3cr3t-cs", "s3cr3t-at", "s3cr3t-ats"),
                new DatadogCredentials("s3cr3t-api", Optional.of("s3cr3t-app")));

        assertThat(all).allSatisfy(c -> assertThat(c.toString()).doesNotContain("s3cr3t"));
    }
}
