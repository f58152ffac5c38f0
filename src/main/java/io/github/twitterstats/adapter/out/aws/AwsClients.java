package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.config.Config;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.support.Lazy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Builds every AWS client here, each at most once per instance: the JDK's URL-connection HTTP client (no Netty or
 * Apache start-up cost in a Lambda), the region and credentials of the default chains, and ONE endpoint rule for
 * loopback peers: a service's own variable (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_SQS) wins over AWS_ENDPOINT_URL,
 * and an S3 endpoint override also gets path-style addressing. SSM, Secrets Manager and SQS (a call or a few on a
 * cold start) are no SDK clients: {@link AwsJsonApi} signs and sends their calls.
 */
public final class AwsClients {

    private final Lazy<S3Client> s3;
    private final Lazy<AwsJsonApi> sqs;
    private final Lazy<AwsJsonApi> secretsManager;
    private final Lazy<AwsJsonApi> ssm;

    public AwsClients(Config.AwsEndpoints endpoints) {
        this.s3 = new Lazy<>(() -> s3Client(endpoints.forS3()));
        // one region and credential chain for the three; nothing of them is loaded before a call needs it
        Lazy<AwsJsonApi.Access> access = new Lazy<>(AwsJsonApi.Access::ofDefaultChains);
        this.secretsManager = new Lazy<>(() -> new AwsJsonApi(AwsJsonApi.Service.SECRETS_MANAGER,
                endpoints.forOthers(), access.get(), AwsJsonApi.RETRIES));
        this.ssm = new Lazy<>(() -> new AwsJsonApi(AwsJsonApi.Service.SSM, endpoints.forOthers(), access.get(),
                AwsJsonApi.RETRIES));
        this.sqs = new Lazy<>(() -> new AwsJsonApi(AwsJsonApi.Service.SQS, endpoints.forSqs(), access.get(),
                AwsJsonApi.RETRIES));
    }

    public S3Client s3() {
        return s3.get();
    }

    public AwsJsonApi sqs() {
        return sqs.get();
    }

    public AwsJsonApi secretsManager() {
        return secretsManager.get();
    }

    public AwsJsonApi ssm() {
        return ssm.get();
    }

    private static S3Client s3Client(Optional<URI> endpoint) {
        return configure(S3Client.builder(), endpoint)
                .forcePathStyle(endpoint.isPresent())
                .requestChecksumCalculation(endpoint.isPresent() ? RequestChecksumCalculation.WHEN_REQUIRED
                        : RequestChecksumCalculation.WHEN_SUPPORTED)
                .build();
    }

    private static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(B builder,
                                                                                            Optional<URI> endpoint) {
        endpoint.ifPresent(builder::endpointOverride);
        builder.httpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(10))
                .build());
        return builder;
    }

    /** The outage as its kind, naming what could not be read and why, never a value. */
    public static ServiceUnavailableException unavailable(Service service, String what, AwsJsonApi.Unavailable outage) {
        return new ServiceUnavailableException(service, what + " is unavailable after retries: " + outage.why(), null);
    }
}
