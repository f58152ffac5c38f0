package io.github.twitterstats.config;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.port.SecretStore;
import io.github.twitterstats.support.Lazy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The X and DataDog credentials of one container: values given directly in the environment win, field by field,
 * over the Secrets Manager secrets named by {@code X_CREDENTIALS_SECRET} and {@code DD_CREDENTIALS_SECRET}. Each is
 * resolved once and kept (the wiring holding this is dropped whole after a SnapStart restore, so a rotated secret
 * is read anew); a secret is read only when a value it would give is missing, and the secret store is only built
 * then. No message here ever contains a credential value.
 */
public final class Credentials {

    /** Environment variable → field of the X secret's JSON. */
    private static final Map<Env, String> USER_CONTEXT_FIELDS = userContextFields();

    /** What the environment gives directly, read once with the rest of the configuration. */
    public record Sources(Map<Env, String> given) {
        public Sources {
            given = Map.copyOf(given);
        }

        static Sources from(Map<String, String> env) {
            Map<Env, String> given = new LinkedHashMap<>();
            for (Env variable : List.of(Env.X_BEARER_TOKEN, Env.X_CONSUMER_KEY, Env.X_CONSUMER_SECRET,
                    Env.X_ACCESS_TOKEN, Env.X_ACCESS_TOKEN_SECRET, Env.X_CREDENTIALS_SECRET, Env.DD_API_KEY,
                    Env.DD_APP_KEY, Env.DD_CREDENTIALS_SECRET)) {
                variable.in(env).ifPresent(v -> given.put(variable, v));
            }
            return new Sources(given);
        }

        Optional<String> get(Env variable) {
            return Optional.ofNullable(given.get(variable));
        }

        @Override
        public String toString() {
            return "Sources" + given.keySet();
        }
    }

    private final Sources sources;
    private final Lazy<SecretStore> secrets;
    private final Lazy<XCredentials> x;
    private final Lazy<DatadogCredentials> datadogForMetrics;
    private final Lazy<DatadogCredentials> datadogForDashboards;

    public Credentials(Sources sources, Supplier<SecretStore> secrets) {
        this.sources = sources;
        this.secrets = new Lazy<>(secrets);
        this.x = new Lazy<>(this::resolveX);
        this.datadogForMetrics = new Lazy<>(() -> resolveDatadog(false));
        this.datadogForDashboards = new Lazy<>(() -> resolveDatadog(true));
    }

    /** The X credentials, resolved on first use and kept. */
    public XCredentials x() {
        return x.get();
    }

    /** DataDog's keys for submitting metrics: the secret is read only when the API key is not given directly. */
    public DatadogCredentials datadogApiKey() {
        return datadogForMetrics.get();
    }

    /** DataDog's keys for the dashboards, which need the application key too: the secret fills what is missing. */
    public DatadogCredentials datadog() {
        return datadogForDashboards.get();
    }

    private XCredentials resolveX() {
        Optional<String> bearer = sources.get(Env.X_BEARER_TOKEN);
        if (bearer.isPresent()) {
            return new XCredentials.BearerToken(bearer.get());
        }
        List<Env> given = USER_CONTEXT_FIELDS.keySet().stream().filter(n -> sources.get(n).isPresent()).toList();
        if (given.size() == USER_CONTEXT_FIELDS.size()) {
            return userContext(sources::get);
        }
        Optional<String> secretId = sources.get(Env.X_CREDENTIALS_SECRET);
        if (secretId.isEmpty()) {
            if (!given.isEmpty()) {
                throw new ConfigurationException("OAuth 1.0a needs all four of " + names(USER_CONTEXT_FIELDS.keySet()
                        .stream().toList()) + "; missing: " + names(USER_CONTEXT_FIELDS.keySet().stream()
                        .filter(n -> !given.contains(n)).toList()) + " (or set " + Env.X_BEARER_TOKEN + ")");
            }
            throw new ConfigurationException("no X credentials: set " + Env.X_BEARER_TOKEN + " (app-only bearer"
                    + " token), or " + names(USER_CONTEXT_FIELDS.keySet().stream().toList()) + " (OAuth 1.0a), or "
                    + Env.X_CREDENTIALS_SECRET + " (a Secrets Manager secret holding bearer_token or the four OAuth"
                    + " keys)");
        }
        Map<String, String> secret = secrets.get().read(secretId.get());
        Optional<String> secretBearer = field(secret, "bearer_token");
        if (secretBearer.isPresent()) {
            return new XCredentials.BearerToken(secretBearer.get());
        }
        // Directly given OAuth values win over the secret's, field by field.
        List<String> missing = USER_CONTEXT_FIELDS.entrySet().stream()
                .filter(e -> sources.get(e.getKey()).isEmpty() && field(secret, e.getValue()).isEmpty())
                .map(Map.Entry::getValue).toList();
        if (!missing.isEmpty()) {
            throw new ConfigurationException("the secret named by " + Env.X_CREDENTIALS_SECRET + " must hold"
                    + " bearer_token, or consumer_key, consumer_secret, access_token and access_token_secret;"
                    + " missing: " + String.join(", ", missing));
        }
        return userContext(name -> sources.get(name).or(() -> field(secret, USER_CONTEXT_FIELDS.get(name))));
    }

    private DatadogCredentials resolveDatadog(boolean appKeyWanted) {
        Optional<String> apiKey = sources.get(Env.DD_API_KEY);
        Optional<String> appKey = sources.get(Env.DD_APP_KEY);
        Optional<String> secretId = sources.get(Env.DD_CREDENTIALS_SECRET);
        if (secretId.isPresent() && (apiKey.isEmpty() || (appKeyWanted && appKey.isEmpty()))) {
            Map<String, String> secret = secrets.get().read(secretId.get());
            apiKey = apiKey.or(() -> field(secret, "api_key"));
            appKey = appKey.or(() -> field(secret, "app_key"));
            if (apiKey.isEmpty()) {
                throw new ConfigurationException("the secret named by " + Env.DD_CREDENTIALS_SECRET
                        + " must hold api_key (and optionally app_key)");
            }
        }
        if (apiKey.isEmpty()) {
            throw new ConfigurationException("no DataDog API key: set " + Env.DD_API_KEY + ", or "
                    + Env.DD_CREDENTIALS_SECRET + " (a Secrets Manager secret holding api_key); --dry-run needs"
                    + " neither");
        }
        return new DatadogCredentials(apiKey.get(), appKey);
    }

    private static XCredentials userContext(Function<Env, Optional<String>> lookup) {
        return new XCredentials.UserContext(lookup.apply(Env.X_CONSUMER_KEY).orElseThrow(),
                lookup.apply(Env.X_CONSUMER_SECRET).orElseThrow(), lookup.apply(Env.X_ACCESS_TOKEN).orElseThrow(),
                lookup.apply(Env.X_ACCESS_TOKEN_SECRET).orElseThrow());
    }

    private static Optional<String> field(Map<String, String> secret, String name) {
        return Optional.ofNullable(secret.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String names(List<Env> variables) {
        return String.join(", ", variables.stream().map(Env::name).toList());
    }

    private static Map<Env, String> userContextFields() {
        Map<Env, String> map = new LinkedHashMap<>();
        map.put(Env.X_CONSUMER_KEY, "consumer_key");
        map.put(Env.X_CONSUMER_SECRET, "consumer_secret");
        map.put(Env.X_ACCESS_TOKEN, "access_token");
        map.put(Env.X_ACCESS_TOKEN_SECRET, "access_token_secret");
        return java.util.Collections.unmodifiableMap(map);
    }
}
