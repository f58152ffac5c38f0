package io.github.twitterstats.testing;

import io.github.twitterstats.wiring.Wiring;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.port.RunLog;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The backup's real protocol peers on loopback, together: the strict X fake, s3proxy and
 * ElasticMQ, and the environment a deployed function would see, pointing at them.
 */
public final class BackupWorld implements AutoCloseable {

    public static final String BUCKET = "archive";
    private static final String X_TOKEN = "test-bearer-token";

    public final FakeXApi x;
    public final LoopbackS3 s3;
    public final LoopbackSqs sqs;

    public BackupWorld() throws Exception {
        x = FakeXApi.start(new XCredentials.BearerToken(X_TOKEN));
        s3 = new LoopbackS3().createBucket(BUCKET);
        sqs = new LoopbackSqs();
    }

    public Map<String, String> env(String accounts, String queueUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("ACCOUNTS", accounts);
        env.put("X_BEARER_TOKEN", X_TOKEN);
        env.put("X_API_URL", x.baseUrl().toString());
        env.put("ARCHIVE_BUCKET", BUCKET);
        env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        if (queueUrl != null) {
            env.put("BACKUP_QUEUE_URL", queueUrl);
        }
        return env;
    }

    public Function<RunLog, Wiring> wiring(Map<String, String> env, Clock clock) {
        return Wiring.fromEnvironment(env, clock);
    }

    @Override
    public void close() throws Exception {
        x.close();
        s3.close();
        sqs.close();
    }
}
