package io.github.twitterstats.bench;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.testing.FakeAwsServices;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.LoopbackS3;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The peers {@code bench/deployed} measures the deployed function's path against: the strict X and DataDog fakes
 * (every answer held back by a fixed latency), and AWS answering at once: Secrets Manager with the X and DataDog
 * secrets and SSM with the account list ({@link FakeAwsServices}, which checks every SigV4 signature), S3 with the
 * spool bucket ({@link LoopbackS3}).
 *
 * <pre>
 * java -cp test-classpath io.github.twitterstats.bench.DeployedBenchPeer LATENCY_MS ACCOUNTS
 * </pre>
 *
 * Prints the function's environment, one {@code NAME=value} a line, then stays up until standard input closes.
 */
public final class DeployedBenchPeer {

    public static final String X_SECRET = "twitter-stats/x";
    public static final String DATADOG_SECRET = "twitter-stats/datadog";
    public static final String PARAMETER = "/twitter-stats/accounts";
    public static final String BUCKET = "twitter-stats-spool";

    private DeployedBenchPeer() {
    }

    public static void main(String[] args) throws Exception {
        Duration latency = Duration.ofMillis(Long.parseLong(args[0]));
        int accounts = Integer.parseInt(args[1]);

        FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(BenchPeer.TOKEN)).delayResponses(latency);
        x.rateLimit(10_000_000, 10_000_000, Instant.now().plus(Duration.ofDays(1)));
        List<String> names = x.addAccounts("acct", accounts);
        FakeDatadogApi dd = new FakeDatadogApi().start();
        if (!latency.isZero()) {
            dd.delayNext(Integer.MAX_VALUE, latency);
        }
        FakeAwsServices aws = new FakeAwsServices();
        aws.secret(X_SECRET, "{\"bearer_token\":\"" + BenchPeer.TOKEN + "\"}");
        aws.secret(DATADOG_SECRET, "{\"api_key\":\"" + dd.apiKey() + "\"}");
        aws.parameter(PARAMETER, "StringList", String.join(",", names));
        LoopbackS3 s3 = new LoopbackS3().createBucket(BUCKET);

        System.out.println("X_API_URL=" + x.baseUrl());
        System.out.println("DD_API_URL=" + dd.baseUrl());
        System.out.println("AWS_ENDPOINT_URL=" + aws.endpoint());
        System.out.println("AWS_ENDPOINT_URL_S3=" + s3.endpoint());
        System.out.println("X_CREDENTIALS_SECRET=" + X_SECRET);
        System.out.println("DD_CREDENTIALS_SECRET=" + DATADOG_SECRET);
        System.out.println("ACCOUNTS_PARAMETER=" + PARAMETER);
        System.out.println("SPOOL_BUCKET=" + BUCKET);
        System.out.flush();
        System.in.read();
        System.exit(0);
    }
}
