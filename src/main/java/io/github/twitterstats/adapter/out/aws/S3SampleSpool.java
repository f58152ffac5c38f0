package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.adapter.out.format.NamedBatchSpool;
import io.github.twitterstats.adapter.out.format.SpoolFormat;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.port.RunLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Lambda's spool: one S3 object per batch under a prefix ({@code spool/} by default), keyed by
 * the batch's {@link SpoolFormat#newId identifier}, so a listing (which S3 returns in key order)
 * is oldest first.
 *
 * <p>Why S3 rather than SQS: a PutObject is atomic (a reader sees the old object or the new one,
 * never part of one), an object can be replaced by the undelivered remainder of its batch in one
 * request, nothing is hidden by visibility timeouts from the next run, and a listing gives the
 * whole backlog in order; SQS offers no "oldest first" across batches on a standard queue, and
 * shrinking a message means a delete plus a send that a crash can split. The bucket's lifecycle
 * rule removes anything a bug ever left behind; samples older than an hour are worthless anyway.
 */
public final class S3SampleSpool extends NamedBatchSpool {

    public static final String DEFAULT_PREFIX = "spool/";

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    public S3SampleSpool(S3Client client, String bucket, String prefix, Clock clock, RunLog log) {
        super(clock, log, "object");
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    protected List<String> storedIds() {
        List<String> ids = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                String id = idOf(object.key());
                if (id != null) {
                    ids.add(id);
                }
            }
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
        return ids;
    }

    @Override
    protected Optional<byte[]> load(String id) {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(keyOf(id))).asByteArray());
        } catch (NoSuchKeyException gone) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", keyOf(id), e);
        }
    }

    @Override
    protected void store(String id, List<Gauge> gauges) {
        String key = keyOf(id);
        try {
            client.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                    RequestBody.fromBytes(SpoolFormat.write(gauges)));
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    protected void delete(String id) {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(keyOf(id)));
        } catch (SdkException e) {
            throw failure("delete", keyOf(id), e);
        }
    }

    @Override
    protected String locate(String id) {
        return uri(keyOf(id));
    }

    @Override
    public String describe() {
        return uri(prefix);
    }

    private String keyOf(String id) {
        return prefix + id + SpoolFormat.SUFFIX;
    }

    /** The batch id of a spool key, or null for any other object under the prefix. */
    private String idOf(String key) {
        if (!key.startsWith(prefix) || !key.endsWith(SpoolFormat.SUFFIX)) {
            return null;
        }
        String id = key.substring(prefix.length(), key.length() - SpoolFormat.SUFFIX.length());
        return SpoolFormat.isId(id) ? id : null;
    }

    private String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private UncheckedIOException failure(String action, String key, SdkException e) {
        return new UncheckedIOException("cannot " + action + " " + uri(key) + ": " + e.getMessage()
                + " (check SPOOL_BUCKET and the function's access to it)", new IOException(e));
    }
}
