package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.domain.ArchiveLayout;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.PostLines;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.port.PostArchive;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The archive in an S3 bucket: one PutObject per account and day, at a deterministic key, so a
 * re-run replaces the object whole (S3 writes are atomic: readers see the old or the new day,
 * never a mix). Direct writes instead of Kinesis Firehose: the day is complete when it is written,
 * nothing is buffered, and a re-run cannot append duplicates. Retries are the SDK's standard mode
 * (bounded, exponential backoff with jitter).
 */
public final class S3PostArchive implements PostArchive {

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    public S3PostArchive(S3Client client, String bucket, String prefix) {
        this.client = Objects.requireNonNull(client);
        this.bucket = Objects.requireNonNull(bucket);
        this.prefix = prefix == null ? "" : prefix;
    }

    /**
     * A client for the archive. With an endpoint override (a loopback or S3-compatible server) it
     * uses path-style addresses, which such servers expect instead of bucket sub-domains, and
     * sends checksums only where S3 requires them: the SDK's default streaming trailer checksum is
     * not understood by every S3-compatible server (s3proxy rejects its signature).
     */

    @Override
    public String store(Handle handle, LocalDate day, List<Post> posts) {
        String key = ArchiveLayout.key(prefix, handle, day);
        byte[] body = PostLines.gzip(posts);
        try {
            // a .gz file, not Content-Encoding: gzip, so every client downloads the bytes as stored
            client.putObject(b -> b.bucket(bucket).key(key).contentType("application/gzip"), RequestBody.fromBytes(body));
        } catch (S3Exception e) {
            throw new RunFailedException("cannot write s3://" + bucket + "/" + key + ": "
                    + (e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode())
                    + " (check ARCHIVE_BUCKET and that this role may call s3:PutObject on it)", e);
        } catch (SdkException e) {
            // SDK client messages describe the transport ("Read timed out"), never credentials.
            throw new RunFailedException("cannot reach S3 to write s3://" + bucket + "/" + key + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + " (check ARCHIVE_BUCKET and the network)", e);
        }
        return "s3://" + bucket + "/" + key;
    }
}
