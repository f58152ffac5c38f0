package io.github.twitterstats.config;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.GaugeNaming;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The non-secret configuration, read from the environment exactly as the outside contract names it
 * (the same for the Lambda and the command line). Credentials are resolved separately, by
 * {@link CredentialResolver}, because they may live in Secrets Manager.
 */
public record Settings(Optional<String> accounts, Optional<String> accountsParameter, GaugeNaming naming,
                       URI xApiUrl, URI datadogApiUrl) {

    public static final String ACCOUNTS = "ACCOUNTS";
    public static final String ACCOUNTS_PARAMETER = "ACCOUNTS_PARAMETER";
    public static final String METRIC_PREFIX = "METRIC_PREFIX";
    public static final String EXTRA_TAGS = "EXTRA_TAGS";
    public static final String X_API_URL = "X_API_URL";
    public static final String DD_SITE = "DD_SITE";
    public static final String DD_API_URL = "DD_API_URL";

    static final String DEFAULT_PREFIX = "twitter";
    static final String DEFAULT_X_API_URL = "https://api.x.com";
    static final String DEFAULT_SITE = "datadoghq.com";

    /** DataDog's documented sites; anything else would send the samples nowhere. */
    public static final Set<String> DATADOG_SITES = Set.of("datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com",
            "datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com", "uk1.datadoghq.com", "ddog-gov.com",
            "us2.ddog-gov.com");

    // DataDog metric names: start with a letter, then letters, digits, underscores and dots.
    private static final Pattern METRIC_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_.]{0,150}$");
    private static final Pattern TAG = Pattern.compile("^[A-Za-z][^,\\s:]*:[^,\\s]+$");

    public static Settings from(Map<String, String> env) {
        return new Settings(
                value(env, ACCOUNTS),
                value(env, ACCOUNTS_PARAMETER),
                new GaugeNaming(prefix(env), extraTags(env)),
                httpUrl(env, X_API_URL, value(env, X_API_URL).orElse(DEFAULT_X_API_URL)),
                datadogApiUrl(env));
    }

    /** The variable's value, blank treated as unset (a console field left empty arrives as ""). */
    public static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String prefix(Map<String, String> env) {
        String prefix = value(env, METRIC_PREFIX).orElse(DEFAULT_PREFIX);
        if (prefix.endsWith(".") || !METRIC_NAME.matcher(prefix).matches() || prefix.contains("..")) {
            throw new ConfigurationException(METRIC_PREFIX + " must be a DataDog metric name without a trailing dot:"
                    + " a letter, then letters, digits, '_' or '.', for example METRIC_PREFIX=twitter (got '"
                    + prefix + "')");
        }
        return prefix;
    }

    private static List<String> extraTags(Map<String, String> env) {
        List<String> tags = new ArrayList<>();
        for (String tag : value(env, EXTRA_TAGS).orElse("").split(",")) {
            String trimmed = tag.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!TAG.matcher(trimmed).matches()) {
                throw new ConfigurationException(EXTRA_TAGS + " must be comma-separated key:value tags, for example"
                        + " EXTRA_TAGS=env:prod,team:social (got '" + trimmed + "')");
            }
            tags.add(trimmed);
        }
        return tags;
    }

    private static URI datadogApiUrl(Map<String, String> env) {
        Optional<String> explicit = value(env, DD_API_URL);
        if (explicit.isPresent()) {
            return httpUrl(env, DD_API_URL, explicit.get());
        }
        String site = value(env, DD_SITE).orElse(DEFAULT_SITE).toLowerCase(java.util.Locale.ROOT);
        if (!DATADOG_SITES.contains(site)) {
            throw new ConfigurationException(DD_SITE + " must be one of " + String.join(", ", DATADOG_SITES.stream()
                    .sorted().toList()) + " (got '" + site + "'); or set " + DD_API_URL + " to a full URL");
        }
        return URI.create("https://api." + site);
    }

    private static URI httpUrl(Map<String, String> env, String name, String raw) {
        String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            URI uri = new URI(trimmed);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below with the variable's name, which is what the user needs
        }
        throw new ConfigurationException(name + " must be an http(s) URL such as https://api.example.com (got '"
                + raw + "')");
    }
}
