package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.ServiceUnavailableException;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * How every AWS client here is built: the JDK's URL-connection HTTP client (no Netty or Apache
 * start-up cost in a Lambda), the region and credentials of the default chains, and an optional
 * endpoint override for loopback peers (the SDK also honours {@code AWS_ENDPOINT_URL} by itself).
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(java.time.Duration.ofSeconds(3))
                .socketTimeout(java.time.Duration.ofSeconds(10))
                .build();
    }

    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Optional<URI> endpoint) {
        endpoint.ifPresent(builder::endpointOverride);
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
