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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Builds every AWS client here, each at most once per instance: the JDK's URL-connection HTTP client (no Netty or
 * Apache start-up cost in a Lambda), the region and credentials of the default chains, and ONE endpoint rule for
 * loopback peers: a service's own variable (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_SQS) wins over AWS_ENDPOINT_URL,
 * and an S3 endpoint override also gets path-style addressing.
 */
public final class AwsClients {

    private final Lazy<S3Client> s3;
    private final Lazy<SqsClient> sqs;
    private final Lazy<SecretsManagerClient> secretsManager;
    private final Lazy<SsmClient> ssm;

    public AwsClients(Config.AwsEndpoints endpoints) {
        this.s3 = new Lazy<>(() -> s3Client(endpoints.forS3()));
        this.sqs = new Lazy<>(() -> configure(SqsClient.builder(), endpoints.forSqs()).build());
        this.secretsManager = new Lazy<>(() -> configure(SecretsManagerClient.builder(), endpoints.forOthers()).build());
        this.ssm = new Lazy<>(() -> configure(SsmClient.builder(), endpoints.forOthers()).build());
    }

    public S3Client s3() {
        return s3.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager.get();
    }

    public SsmClient ssm() {
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

    /**
     * Whether a failure that survived the SDK's retries is a passing outage (no connection, a 5xx, throttling)
     * rather than an answer about our request (not found, access denied, invalid).
     */
    public static boolean isOutage(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return true;   // a client-side failure: the connection was refused, reset or timed out
    }

    /** The outage as its kind, naming what could not be read and why, never a value. */
    public static ServiceUnavailableException unavailable(Service service, String what, SdkException e) {
        String why = e instanceof AwsServiceException a ? errorCode(e) + " (HTTP " + a.statusCode() + ")" : errorCode(e);
        return new ServiceUnavailableException(service, what + " is unavailable after retries: " + why, e);
    }

    /** The service's error code (ResourceNotFoundException, ThrottlingException...), or the client failure's type. */
    public static String errorCode(SdkException e) {
        return e instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
    }
}
