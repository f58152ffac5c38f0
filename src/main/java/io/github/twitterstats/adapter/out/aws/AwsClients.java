package io.github.twitterstats.adapter.out.aws;

import java.net.URI;
import java.util.Optional;
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
}
