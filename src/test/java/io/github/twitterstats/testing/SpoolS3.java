package io.github.twitterstats.testing;

import io.github.twitterstats.adapter.out.aws.S3SampleSpool;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 protocol peer on loopback for the spool's tests: s3proxy over an in-memory jclouds
 * blob store, embedded in the test JVM, checking SigV4 against the dummy keys surefire sets. The
 * same set-up as the backup branch's LoopbackS3; once both are on main, one of them should go.
 */
public final class SpoolS3 implements AutoCloseable {

    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final S3Client client;

    public SpoolS3() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("local", "local").build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long until = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        client = S3SampleSpool.client(Optional.of(endpoint()));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public S3Client client() {
        return client;
    }

    public SpoolS3 createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
        return this;
    }

    public List<String> keys(String bucket) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        context.close();
    }
}
