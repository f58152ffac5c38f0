package io.github.twitterstats.config;

import io.github.twitterstats.domain.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every environment variable the program reads, with its meaning and default: the one place that knows their
 * names (the same for the Lambda and the command line; the CLI usage text is generated from here). Blank values
 * count as unset, because a console field left empty arrives as "".
 */
public enum Env {
    ACCOUNTS("accounts separated by ';' ',' or spaces: X nasa, Bluesky nasa.bsky.social, Mastodon user@instance", ""),
    ACCOUNTS_PARAMETER("an SSM parameter holding the accounts; wins over ACCOUNTS, read on every run", ""),
    METRIC_PREFIX("metric name prefix, no trailing dot", "twitter"),
    EXTRA_TAGS("extra DataDog tags for every series, comma-separated key:value", ""),
    X_BEARER_TOKEN("X app-only bearer token", ""),
    X_CONSUMER_KEY("OAuth 1.0a consumer key (with the next three, instead of the bearer token)", ""),
    X_CONSUMER_SECRET("OAuth 1.0a consumer secret", ""),
    X_ACCESS_TOKEN("OAuth 1.0a access token", ""),
    X_ACCESS_TOKEN_SECRET("OAuth 1.0a access token secret", ""),
    X_CREDENTIALS_SECRET("Secrets Manager secret with bearer_token, or the four OAuth keys", ""),
    X_API_URL("X API base URL", "https://api.x.com"),
    DD_API_KEY("DataDog API key", ""),
    DD_APP_KEY("DataDog application key (dashboards only)", ""),
    DD_CREDENTIALS_SECRET("Secrets Manager secret with api_key and optional app_key", ""),
    DD_SITE("DataDog site, e.g. datadoghq.eu", "datadoghq.com"),
    DD_API_URL("full DataDog API base URL; wins over DD_SITE", ""),
    BLUESKY_API_URL("Bluesky AppView base URL (no key needed)", "https://public.api.bsky.app"),
    MASTODON_API_URL("unset: each Mastodon account is read from its own server; set: every lookup goes to this"
            + " base URL with acct=user@instance", ""),
    SPOOL_DIR("where samples DataDog could not take wait for the next run", "~/.twitter-stats/spool"),
    SPOOL_BUCKET("the spool as an S3 bucket instead (the Lambda's)", ""),
    SPOOL_PREFIX("key prefix of the spool in SPOOL_BUCKET", "spool/"),
    ARCHIVE_BUCKET("the posts backup's S3 bucket (backup workers)", ""),
    ARCHIVE_PREFIX("key prefix of the backup in ARCHIVE_BUCKET", ""),
    BACKUP_QUEUE_URL("the SQS queue of backup jobs (backup scheduler)", ""),
    AWS_ENDPOINT_URL("one endpoint for every AWS service (a local S3/SQS/SSM peer)", ""),
    AWS_ENDPOINT_URL_S3("the S3 endpoint; wins over AWS_ENDPOINT_URL", ""),
    AWS_ENDPOINT_URL_SQS("the SQS endpoint; wins over AWS_ENDPOINT_URL", "");

    private final String meaning;
    private final String defaultValue;

    Env(String meaning, String defaultValue) {
        this.meaning = meaning;
        this.defaultValue = defaultValue;
    }

    public String meaning() {
        return meaning;
    }

    /** The documented default, "" for none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The variable's value in {@code env}, blank treated as unset. */
    public Optional<String> in(Map<String, String> env) {
        return Optional.ofNullable(env.get(name())).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The value, else the documented default. */
    String orDefault(Map<String, String> env) {
        return in(env).orElse(defaultValue);
    }

    /** The value as an http(s) URL without a trailing slash: the one URL check for every variable. */
    Optional<URI> url(Map<String, String> env) {
        return in(env).map(this::url);
    }

    URI url(String raw) {
        String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            URI uri = new URI(trimmed);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below with the variable's name, which is what the user needs
        }
        throw new ConfigurationException(name() + " must be an http(s) URL such as https://api.example.com (got '"
                + raw + "')");
    }

    /** The usage text's table of variables, generated so it cannot drift from what is read. */
    public static String usage() {
        int width = Arrays.stream(values()).mapToInt(v -> v.name().length()).max().orElse(0);
        return Arrays.stream(values())
                .map(v -> "  " + String.format("%-" + width + "s", v.name()) + "  " + v.meaning
                        + (v.defaultValue.isEmpty() ? "" : " (default " + v.defaultValue + ")"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
