package io.github.twitterstats.config;

import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.GaugeNaming;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The whole configuration, read from the environment ({@link Env}) and validated once, before anything runs.
 * A part only one use case needs (the spool, the archive, the backup queue) is a {@link Setting}: its problem
 * is kept as a value and reported by the use case that needs it, so the backup functions never fail on the
 * spool's variables and the metrics function never on the archive's. Credentials are in {@link Credentials},
 * because they may live in Secrets Manager.
 */
public record Config(Accounts accounts, GaugeNaming naming, URI xApiUrl, URI datadogApiUrl, Networks networks,
                     Credentials.Sources credentials, Setting<SpoolLocation> spool, Setting<ArchiveTarget> archive,
                     Setting<String> backupQueueUrl, AwsEndpoints aws) {

    /** DataDog's documented sites; anything else would send the samples nowhere. */
    public static final Set<String> DATADOG_SITES = Set.of("datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com",
            "datadoghq.eu", "ap1.datadoghq.com", "ap2.datadoghq.com", "uk1.datadoghq.com", "ddog-gov.com",
            "us2.ddog-gov.com");

    // DataDog metric names: start with a letter, then letters, digits, underscores and dots.
    private static final Pattern METRIC_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_.]{0,150}$");
    private static final Pattern TAG = Pattern.compile("^[A-Za-z][^,\\s:]*:[^,\\s]+$");
    /** S3 bucket names: 3-63 lower-case letters, digits, dots and hyphens. */
    private static final Pattern BUCKET_NAME = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");

    public Config {
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(naming, "naming");
        Objects.requireNonNull(xApiUrl, "xApiUrl");
        Objects.requireNonNull(datadogApiUrl, "datadogApiUrl");
        Objects.requireNonNull(networks, "networks");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(backupQueueUrl, "backupQueueUrl");
        Objects.requireNonNull(aws, "aws");
    }

    /**
     * Where the keyless networks are read: Bluesky's AppView, and for Mastodon either each account's own server
     * (empty) or one base URL every lookup goes to with {@code acct=user@instance}.
     */
    public record Networks(URI blueskyApiUrl, Optional<URI> mastodonApiUrl) {
        public Networks {
            Objects.requireNonNull(blueskyApiUrl, "blueskyApiUrl");
            Objects.requireNonNull(mastodonApiUrl, "mastodonApiUrl");
        }
    }

    /** Where the account list comes from (the command line's --accounts wins over both, see AccountsReader). */
    public record Accounts(Optional<String> list, Optional<String> parameter) {
    }

    /** Endpoint overrides for loopback peers: one rule, the service's own variable, else the common one. */
    public record AwsEndpoints(Optional<URI> common, Optional<URI> s3, Optional<URI> sqs) {
        public Optional<URI> forS3() {
            return s3.or(() -> common);
        }

        public Optional<URI> forSqs() {
            return sqs.or(() -> common);
        }

        /** Secrets Manager and SSM: the common endpoint. */
        public Optional<URI> forOthers() {
            return common;
        }
    }

    /** Where undelivered samples wait between runs: an S3 prefix (the Lambda's) or a local directory (the CLI's). */
    public sealed interface SpoolLocation {
        record Bucket(String bucket, String prefix) implements SpoolLocation {
        }

        record Directory(Path path) implements SpoolLocation {
        }
    }

    /** Where a backup stores the posts: a local directory or an S3 location. */
    public sealed interface ArchiveTarget {
        record Bucket(String bucket, String prefix) implements ArchiveTarget {
        }

        record Directory(Path path) implements ArchiveTarget {
        }

        /** The CLI's {@code --out}: a directory, or s3://bucket/prefix. */
        static ArchiveTarget parse(String target) {
            if (target.startsWith("s3://")) {
                String path = target.substring("s3://".length());
                int slash = path.indexOf('/');
                String bucket = slash < 0 ? path : path.substring(0, slash);
                if (bucket.isEmpty()) {
                    throw new ConfigurationException("--out needs a directory or s3://bucket/prefix (got '" + target + "')");
                }
                return new Bucket(bucket, slash < 0 ? "" : path.substring(slash + 1));
            }
            return new Directory(path("--out", target));
        }
    }

    /** A part of the configuration that one use case requires: its value, or what to set, as a value. */
    public sealed interface Setting<T> {
        record Given<T>(T value) implements Setting<T> {
        }

        record Missing<T>(String whatToSet) implements Setting<T> {
        }

        /** The value; the configuration error naming what to set when it is missing or malformed. */
        default T require() {
            if (this instanceof Given<T> given) {
                return given.value();
            }
            throw new ConfigurationException(((Missing<T>) this).whatToSet());
        }

        static <T> Setting<T> of(java.util.function.Supplier<T> parse) {
            try {
                return new Given<>(parse.get());
            } catch (ConfigurationException e) {
                return new Missing<>(e.getMessage());
            }
        }
    }

    /** Reads and validates the environment; throws {@link ConfigurationException} naming the variable. */
    public static Config from(Map<String, String> env) {
        return new Config(
                new Accounts(Env.ACCOUNTS.in(env), Env.ACCOUNTS_PARAMETER.in(env)),
                new GaugeNaming(prefix(env), extraTags(env)),
                Env.X_API_URL.url(Env.X_API_URL.orDefault(env)),
                datadogApiUrl(env),
                new Networks(Env.BLUESKY_API_URL.url(Env.BLUESKY_API_URL.orDefault(env)),
                        Env.MASTODON_API_URL.url(env)),
                Credentials.Sources.from(env),
                Setting.of(() -> spool(env, defaultSpoolDirectory())),
                Setting.of(() -> archive(env)),
                Setting.of(() -> Env.BACKUP_QUEUE_URL.in(env).orElseThrow(() -> new ConfigurationException(
                        "no backup queue: set " + Env.BACKUP_QUEUE_URL + " to the URL of the SQS queue the backup"
                                + " workers read"))),
                new AwsEndpoints(Env.AWS_ENDPOINT_URL.url(env), Env.AWS_ENDPOINT_URL_S3.url(env),
                        Env.AWS_ENDPOINT_URL_SQS.url(env)));
    }

    /** The command line's {@code --spool-dir}, which wins over the environment. */
    public Config withSpoolDirectory(String directory) {
        return new Config(accounts, naming, xApiUrl, datadogApiUrl, networks, credentials,
                Setting.of(() -> new SpoolLocation.Directory(path("--spool-dir", directory))), archive,
                backupQueueUrl, aws);
    }

    /** The command line's {@code --out}: a directory or s3://bucket/prefix. */
    public Config withArchiveTarget(String target) {
        return new Config(accounts, naming, xApiUrl, datadogApiUrl, networks, credentials, spool,
                new Setting.Given<>(ArchiveTarget.parse(target)), backupQueueUrl, aws);
    }

    public static Path defaultSpoolDirectory() {
        return Path.of(System.getProperty("user.home"), ".twitter-stats", "spool");
    }

    private static String prefix(Map<String, String> env) {
        String prefix = Env.METRIC_PREFIX.orDefault(env);
        if (prefix.endsWith(".") || !METRIC_NAME.matcher(prefix).matches() || prefix.contains("..")) {
            throw new ConfigurationException(Env.METRIC_PREFIX + " must be a DataDog metric name without a trailing"
                    + " dot: a letter, then letters, digits, '_' or '.', for example METRIC_PREFIX=twitter (got '"
                    + prefix + "')");
        }
        return prefix;
    }

    private static List<String> extraTags(Map<String, String> env) {
        List<String> tags = new ArrayList<>();
        for (String tag : Env.EXTRA_TAGS.orDefault(env).split(",")) {
            String trimmed = tag.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!TAG.matcher(trimmed).matches()) {
                throw new ConfigurationException(Env.EXTRA_TAGS + " must be comma-separated key:value tags, for"
                        + " example EXTRA_TAGS=env:prod,team:social (got '" + trimmed + "')");
            }
            tags.add(trimmed);
        }
        return tags;
    }

    /** DD_API_URL, else https://api.{DD_SITE}: the site-to-URL mapping lives here, not in the adapter. */
    private static URI datadogApiUrl(Map<String, String> env) {
        Optional<URI> explicit = Env.DD_API_URL.url(env);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        String site = Env.DD_SITE.orDefault(env).toLowerCase(Locale.ROOT);
        if (!DATADOG_SITES.contains(site)) {
            throw new ConfigurationException(Env.DD_SITE + " must be one of " + String.join(", ", DATADOG_SITES
                    .stream().sorted().toList()) + " (got '" + site + "'); or set " + Env.DD_API_URL
                    + " to a full URL");
        }
        return URI.create("https://api." + site);
    }

    static SpoolLocation spool(Map<String, String> env, Path defaultDirectory) {
        Optional<String> bucket = Env.SPOOL_BUCKET.in(env);
        if (bucket.isPresent()) {
            return new SpoolLocation.Bucket(bucket(Env.SPOOL_BUCKET, bucket.get()),
                    prefix(Env.SPOOL_PREFIX.orDefault(env)));
        }
        return new SpoolLocation.Directory(Env.SPOOL_DIR.in(env).map(d -> path(Env.SPOOL_DIR.name(), d))
                .orElse(defaultDirectory));
    }

    private static ArchiveTarget archive(Map<String, String> env) {
        String bucket = Env.ARCHIVE_BUCKET.in(env).orElseThrow(() -> new ConfigurationException("no archive bucket:"
                + " set " + Env.ARCHIVE_BUCKET + " to the name of the S3 bucket that keeps the posts (the stack's"
                + " ArchiveBucketName output)"));
        return new ArchiveTarget.Bucket(bucket, Env.ARCHIVE_PREFIX.orDefault(env));
    }

    private static String bucket(Env variable, String name) {
        if (!BUCKET_NAME.matcher(name).matches()) {
            throw new ConfigurationException(variable + " must be an S3 bucket name, for example " + variable
                    + "=my-twitter-stats-spool (got '" + name + "')");
        }
        return name;
    }

    private static String prefix(String raw) {
        String prefix = raw.isEmpty() || raw.endsWith("/") ? raw : raw + "/";
        return prefix.startsWith("/") ? prefix.substring(1) : prefix;
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(name + " must be a directory path (got '" + value + "')");
        }
    }
}
