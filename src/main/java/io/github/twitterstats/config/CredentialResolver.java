package io.github.twitterstats.config;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.port.SecretStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the X and DataDog credentials: values given directly in the environment win, field by
 * field, over the Secrets Manager secrets named by {@code X_CREDENTIALS_SECRET} and
 * {@code DD_CREDENTIALS_SECRET}. The secret store is only created when a secret must be read.
 * No message here ever contains a credential value.
 */
public final class CredentialResolver {

    public static final String X_BEARER_TOKEN = "X_BEARER_TOKEN";
    public static final String X_CONSUMER_KEY = "X_CONSUMER_KEY";
    public static final String X_CONSUMER_SECRET = "X_CONSUMER_SECRET";
    public static final String X_ACCESS_TOKEN = "X_ACCESS_TOKEN";
    public static final String X_ACCESS_TOKEN_SECRET = "X_ACCESS_TOKEN_SECRET";
    public static final String X_CREDENTIALS_SECRET = "X_CREDENTIALS_SECRET";
    public static final String DD_API_KEY = "DD_API_KEY";
    public static final String DD_APP_KEY = "DD_APP_KEY";
    public static final String DD_CREDENTIALS_SECRET = "DD_CREDENTIALS_SECRET";

    /** Environment variable → field of the X secret's JSON. */
    private static final Map<String, String> USER_CONTEXT_FIELDS = orderedMap(
            X_CONSUMER_KEY, "consumer_key",
            X_CONSUMER_SECRET, "consumer_secret",
            X_ACCESS_TOKEN, "access_token",
            X_ACCESS_TOKEN_SECRET, "access_token_secret");

    private final Map<String, String> env;
    private final Supplier<SecretStore> secrets;

    public CredentialResolver(Map<String, String> env, Supplier<SecretStore> secrets) {
        this.env = Map.copyOf(env);
        this.secrets = secrets;
    }

    public XCredentials x() {
        Optional<String> bearer = Settings.value(env, X_BEARER_TOKEN);
        if (bearer.isPresent()) {
            return new XCredentials.BearerToken(bearer.get());
        }
        List<String> given = USER_CONTEXT_FIELDS.keySet().stream().filter(n -> Settings.value(env, n).isPresent()).toList();
        if (given.size() == USER_CONTEXT_FIELDS.size()) {
            return userContext(name -> Settings.value(env, name));
        }
        Optional<String> secretId = Settings.value(env, X_CREDENTIALS_SECRET);
        if (secretId.isEmpty()) {
            if (!given.isEmpty()) {
                throw new ConfigurationException("OAuth 1.0a needs all four of " + String.join(", ",
                        USER_CONTEXT_FIELDS.keySet()) + "; missing: " + String.join(", ", USER_CONTEXT_FIELDS.keySet()
                        .stream().filter(n -> !given.contains(n)).toList()) + " (or set " + X_BEARER_TOKEN + ")");
            }
            throw new ConfigurationException("no X credentials: set " + X_BEARER_TOKEN + " (app-only bearer token), or "
                    + String.join(", ", USER_CONTEXT_FIELDS.keySet()) + " (OAuth 1.0a), or " + X_CREDENTIALS_SECRET
                    + " (a Secrets Manager secret holding bearer_token or the four OAuth keys)");
        }
        Map<String, String> secret = secrets.get().read(secretId.get());
        Optional<String> secretBearer = field(secret, "bearer_token");
        if (secretBearer.isPresent()) {
            return new XCredentials.BearerToken(secretBearer.get());
        }
        // Directly given OAuth values win over the secret's, field by field.
        List<String> missing = USER_CONTEXT_FIELDS.entrySet().stream()
                .filter(e -> Settings.value(env, e.getKey()).isEmpty() && field(secret, e.getValue()).isEmpty())
                .map(Map.Entry::getValue).toList();
        if (!missing.isEmpty()) {
            throw new ConfigurationException("the secret named by " + X_CREDENTIALS_SECRET + " must hold bearer_token,"
                    + " or consumer_key, consumer_secret, access_token and access_token_secret; missing: "
                    + String.join(", ", missing));
        }
        return userContext(name -> Settings.value(env, name).or(() -> field(secret, USER_CONTEXT_FIELDS.get(name))));
    }

    public DatadogCredentials datadog() {
        Optional<String> apiKey = Settings.value(env, DD_API_KEY);
        Optional<String> appKey = Settings.value(env, DD_APP_KEY);
        Optional<String> secretId = Settings.value(env, DD_CREDENTIALS_SECRET);
        if (secretId.isPresent() && (apiKey.isEmpty() || appKey.isEmpty())) {
            Map<String, String> secret = secrets.get().read(secretId.get());
            apiKey = apiKey.or(() -> field(secret, "api_key"));
            appKey = appKey.or(() -> field(secret, "app_key"));
            if (apiKey.isEmpty()) {
                throw new ConfigurationException("the secret named by " + DD_CREDENTIALS_SECRET
                        + " must hold api_key (and optionally app_key)");
            }
        }
        if (apiKey.isEmpty()) {
            throw new ConfigurationException("no DataDog API key: set " + DD_API_KEY + ", or " + DD_CREDENTIALS_SECRET
                    + " (a Secrets Manager secret holding api_key); --dry-run needs neither");
        }
        return new DatadogCredentials(apiKey.get(), appKey);
    }

    private static XCredentials userContext(java.util.function.Function<String, Optional<String>> lookup) {
        return new XCredentials.UserContext(lookup.apply(X_CONSUMER_KEY).orElseThrow(),
                lookup.apply(X_CONSUMER_SECRET).orElseThrow(), lookup.apply(X_ACCESS_TOKEN).orElseThrow(),
                lookup.apply(X_ACCESS_TOKEN_SECRET).orElseThrow());
    }

    private static Optional<String> field(Map<String, String> secret, String name) {
        return Optional.ofNullable(secret.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
