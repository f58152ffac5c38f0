package io.github.twitterstats.testing;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import io.github.twitterstats.adapter.out.aws.AwsClients;
import io.github.twitterstats.config.Config;

/**
 * A real S3 protocol peer on loopback: s3proxy over an in-memory (transient) jclouds blob store,
 * embedded in the test JVM. It checks SigV4 signatures against the dummy keys surefire sets, so
 * an unsigned or wrongly signed request fails here as it would on AWS. {@link #requests()} counts
 * what reached it.
 */
public final class LoopbackS3 implements AutoCloseable {

    // the dummy credentials surefire puts in the environment (pom.xml), which the SDK's default chain reads
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final S3Client client;

    public LoopbackS3() throws Exception {
        this(false);
    }

    /**
     * A peer for the AWS CLI, which sends checksum headers s3proxy does not implement; it stores
     * the bytes as sent, so byte-for-byte comparisons still hold.
     */
    public static LoopbackS3 forAwsCli() throws Exception {
        return new LoopbackS3(true);
    }

    private LoopbackS3(boolean ignoreUnknownHeaders) throws Exception {
        Properties overrides = new Properties();
        context = ContextBuilder.newBuilder("transient").credentials("local", "local").overrides(overrides)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(ignoreUnknownHeaders).build();
        proxy.start();
        long until = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        client = new AwsClients(new Config.AwsEndpoints(Optional.empty(), Optional.of(endpoint()), Optional.empty())).s3();
        // s3proxy initialises jclouds on its first request, which can take seconds on a loaded
        // machine: pay that here, so no test's first request runs into the adapter's socket timeout.
        client.listBuckets();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public S3Client client() {
        return client;
    }

    public LoopbackS3 createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
        return this;
    }

    public List<String> keys(String bucket) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    public ResponseBytes<GetObjectResponse> get(String bucket, String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        context.close();
    }
}
