package io.github.twitterstats.config;

import io.github.twitterstats.domain.ConfigurationException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where undelivered samples are kept between runs: an S3 prefix ({@code SPOOL_BUCKET}, with
 * {@code SPOOL_PREFIX}, default {@code spool/}), which the deployed function uses, or a local
 * directory ({@code --spool-dir}, else {@code SPOOL_DIR}, else {@code ~/.twitter-stats/spool}).
 */
public sealed interface SpoolLocation permits SpoolLocation.Bucket, SpoolLocation.Directory {

    String SPOOL_BUCKET = "SPOOL_BUCKET";
    String SPOOL_PREFIX = "SPOOL_PREFIX";
    String SPOOL_DIR = "SPOOL_DIR";
    String DEFAULT_PREFIX = "spool/";

    /** S3 bucket names: 3-63 lower-case letters, digits, dots and hyphens. */
    Pattern BUCKET_NAME = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");

    record Bucket(String bucket, String prefix) implements SpoolLocation {
        public Bucket {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    record Directory(Path path) implements SpoolLocation {
        public Directory {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * The spool the environment names; {@code directoryOption} (the CLI's {@code --spool-dir})
     * wins over everything, {@code SPOOL_BUCKET} over {@code SPOOL_DIR}.
     */
    static SpoolLocation from(Map<String, String> env, Optional<String> directoryOption, Path defaultDirectory) {
        if (directoryOption.isPresent()) {
            return new Directory(path("--spool-dir", directoryOption.get()));
        }
        Optional<String> bucket = Settings.value(env, SPOOL_BUCKET);
        if (bucket.isPresent()) {
            if (!BUCKET_NAME.matcher(bucket.get()).matches()) {
                throw new ConfigurationException(SPOOL_BUCKET + " must be an S3 bucket name, for example"
                        + " SPOOL_BUCKET=my-twitter-stats-spool (got '" + bucket.get() + "')");
            }
            String prefix = Settings.value(env, SPOOL_PREFIX).orElse(DEFAULT_PREFIX);
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            return new Bucket(bucket.get(), prefix.startsWith("/") ? prefix.substring(1) : prefix);
        }
        return new Directory(Settings.value(env, SPOOL_DIR).map(d -> path(SPOOL_DIR, d)).orElse(defaultDirectory));
    }

    private static Path path(String name, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(name + " must be a directory path (got '" + value + "')");
        }
    }
}
