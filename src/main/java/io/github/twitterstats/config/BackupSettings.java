package io.github.twitterstats.config;

import io.github.twitterstats.domain.ConfigurationException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The backup's own settings, read from the environment (the account list, X credentials and X URL
 * are the metrics run's, in {@link Settings}). Each is only required by the part that uses it: the
 * scheduler needs the queue, the worker the bucket, the command line neither.
 */
public record BackupSettings(Optional<String> archiveBucket, String archivePrefix, Optional<String> queueUrl,
                             Optional<URI> s3Endpoint, Optional<URI> sqsEndpoint) {

    public static final String ARCHIVE_BUCKET = "ARCHIVE_BUCKET";
    public static final String ARCHIVE_PREFIX = "ARCHIVE_PREFIX";
    public static final String BACKUP_QUEUE_URL = "BACKUP_QUEUE_URL";

    public static BackupSettings from(Map<String, String> env) {
        // The SDK reads AWS_ENDPOINT_URL(_S3/_SQS) from the process environment by itself; they are read
        // here too so that an S3-compatible server also gets path-style addressing, and so that a
        // run given an explicit environment (tests, the bench) honours them.
        Optional<URI> common = uri(env, "AWS_ENDPOINT_URL");
        return new BackupSettings(
                Settings.value(env, ARCHIVE_BUCKET),
                Settings.value(env, ARCHIVE_PREFIX).orElse(""),
                Settings.value(env, BACKUP_QUEUE_URL),
                uri(env, "AWS_ENDPOINT_URL_S3").or(() -> common),
                uri(env, "AWS_ENDPOINT_URL_SQS").or(() -> common));
    }

    public String requireBucket() {
        return archiveBucket.orElseThrow(() -> new ConfigurationException("no archive bucket: set " + ARCHIVE_BUCKET
                + " to the name of the S3 bucket that keeps the posts (the stack's ArchiveBucketName output)"));
    }

    public String requireQueueUrl() {
        return queueUrl.orElseThrow(() -> new ConfigurationException("no backup queue: set " + BACKUP_QUEUE_URL
                + " to the URL of the SQS queue the backup workers read"));
    }

    private static Optional<URI> uri(Map<String, String> env, String name) {
        Optional<String> raw = Settings.value(env, name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            if (uri.getScheme() != null && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, naming the variable
        }
        throw new ConfigurationException(name + " must be a URL such as http://127.0.0.1:9000 (got '" + raw.get() + "')");
    }
}
