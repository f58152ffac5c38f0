package io.github.twitterstats.adapter.out.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.testing.SampleSpoolContract;
import io.github.twitterstats.domain.SpooledBatch;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.SampleSpool;
import io.github.twitterstats.testing.LoopbackS3;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The Lambda's spool against a real S3 protocol peer on loopback (s3proxy, SigV4 checked). */
class S3SampleSpoolTest extends SampleSpoolContract {

    private static LoopbackS3 s3;
    private static int bucketCount;
    private String bucket;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new LoopbackS3();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = "spool-test-" + (++bucketCount);
        s3.createBucket(bucket);
    }

    @Override
    protected SampleSpool spool() {
        return new S3SampleSpool(s3.client(), bucket, "spool/", clock, RunLog.SILENT);
    }

    @Override
    protected SampleSpool reopened() {
        return new S3SampleSpool(new AwsClients(new io.github.twitterstats.config.Config.AwsEndpoints(
                java.util.Optional.empty(), java.util.Optional.of(s3.endpoint()), java.util.Optional.empty())).s3(), bucket, "spool/", clock,
                RunLog.SILENT);
    }

    @Test
    void eachBatchIsOneJsonObjectUnderThePrefixAndOtherObjectsAreLeftAlone() {
        s3.client().putObject(b -> b.bucket(bucket).key("spool/README.txt"), RequestBody.fromString("not a batch"));
        s3.client().putObject(b -> b.bucket(bucket).key("backup/2026-11-22.json"), RequestBody.fromString("{}"));

        SpooledBatch batch = spool().add(List.of(gauge("twitter.followers_count", 7, clock.instant())));

        assertThat(s3.keys(bucket)).contains("spool/" + batch.id() + ".json");
        assertThat(spool().pending()).containsExactly(batch);
        spool().remove(batch.id());
        assertThat(s3.keys(bucket)).containsExactlyInAnyOrder("spool/README.txt", "backup/2026-11-22.json");
    }

    @Test
    void aMissingBucketIsAnErrorThatNamesTheSetting() {
        SampleSpool missing = new S3SampleSpool(s3.client(), "no-such-bucket", "spool/", clock, RunLog.SILENT);

        assertThatThrownBy(missing::pending).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("s3://no-such-bucket/spool/").hasMessageContaining("SPOOL_BUCKET");
    }
}
