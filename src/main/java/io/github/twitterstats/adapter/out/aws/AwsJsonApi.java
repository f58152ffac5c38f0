package io.github.twitterstats.adapter.out.aws;

import io.github.twitterstats.adapter.out.format.JsonTrees;
import io.github.twitterstats.adapter.out.http.PlainHttp;
import io.github.twitterstats.config.Env;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.support.Lazy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * One AWS service spoken over the AWS JSON protocol (SSM's GetParameter and Secrets Manager's GetSecretValue in
 * version 1.1, SQS's SendMessageBatch in 1.0): a POST of a JSON body to the service's endpoint with
 * {@code X-Amz-Target}, signed with the SDK's own SigV4 signer, sent over the project's one HTTP way
 * ({@link PlainHttp}). Each is one call or a few on a cold start, for which a whole SDK service client (its model,
 * endpoint rules, interceptors; 7 MB of jar for the three) cost more than the calls.
 * <p>
 * The endpoint is {@code https://<service>.<region>.<partition's DNS suffix>} (so {@code .amazonaws.com.cn} in
 * China), or the override the configuration names. Retries follow the SDK's standard mode: a connection failure,
 * a 5xx, a 429 or a throttling error code is tried again, {@link #RETRIES} in all, with full-jitter backoff;
 * anything else AWS answers is its answer about the request.
 */
public final class AwsJsonApi {

    /** The SDK's standard retry mode: 3 attempts, backoff from 100 ms, at most 20 s. */
    public static final Backoff RETRIES = new Backoff(3, Duration.ofMillis(100), Duration.ofSeconds(20));

    /** Throttling error codes, as the SDK's standard mode knows them (besides HTTP 429). */
    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
            "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
            "EC2ThrottledException");
    /** Transient error codes the SDK retries although AWS sends them with a 4xx. */
    private static final Set<String> TRANSIENT = Set.of("RequestTimeout", "RequestTimeoutException",
            "IDPCommunicationError");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Headers the JDK's HttpURLConnection sets itself (and refuses from callers), with the same value. */
    private static final Set<String> SET_BY_THE_CONNECTION = Set.of("host", "content-length");

    /**
     * A service's names: for the endpoint and signature ({@code ssm}), the target's prefix ({@code AmazonSSM}), and
     * the JSON protocol version it speaks.
     */
    public record Service(String signingName, String targetPrefix, String jsonVersion) {
        public static final Service SSM = new Service("ssm", "AmazonSSM", "1.1");
        public static final Service SECRETS_MANAGER = new Service("secretsmanager", "secretsmanager", "1.1");
        public static final Service SQS = new Service("sqs", "AmazonSQS", "1.0");

        String contentType() {
            return "application/x-amz-json-" + jsonVersion;
        }
    }

    /** What a call came to. */
    public sealed interface Outcome permits Answered, Refused, Unavailable { }

    /** 200, with the answer's JSON text. */
    public record Answered(String body) implements Outcome { }

    /** AWS answered about the request itself (not found, access denied, invalid): no retry changes it. */
    public record Refused(String errorCode, int status) implements Outcome { }

    /** An outage that outlasted the retries (no connection, a 5xx, throttling), or no credentials; {@code why} names it. */
    public record Unavailable(String why) implements Outcome { }

    /** As whom and where services are called: the credentials and region, resolved on use. */
    public record Access(Supplier<String> region, Supplier<? extends AwsCredentialsIdentity> credentials) {

        /** The region and credentials of the SDK's default chains (the credentials' environment link first). */
        public static Access ofDefaultChains() {
            Lazy<AwsCredentialsProvider> credentials = new Lazy<>(Access::defaultCredentials);
            return new Access(new Lazy<>(Access::defaultRegion), () -> credentials.get().resolveCredentials());
        }

        /**
         * The SDK's default credential chain, with its first two links (the aws.accessKeyId... properties, then
         * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: a Lambda's own) tried before the whole chain
         * is built: building it (web identity, profiles, SSO, container, instance metadata) cost ~45 ms and ~230
         * classes on one core, measured, where a Lambda needs none of it.
         */
        private static AwsCredentialsProvider defaultCredentials() {
            Lazy<DefaultCredentialsProvider> wholeChain = new Lazy<>(() -> DefaultCredentialsProvider.builder().build());
            return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(
                    SystemPropertyCredentialsProvider.create(), EnvironmentVariableCredentialsProvider.create(),
                    () -> wholeChain.get().resolveCredentials()).build();
        }

        /** The region of the SDK's default chain (AWS_REGION, the aws.region property, the profile, instance metadata). */
        private static String defaultRegion() {
            try {
                return new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (SdkClientException e) {
                throw new ConfigurationException("no AWS region: set AWS_REGION (the region of the SSM parameter named by "
                        + Env.ACCOUNTS_PARAMETER + ", of the secrets and of the backup queue)");
            }
        }
    }

    private final Service service;
    private final Optional<URI> endpointOverride;
    private final Access access;
    private final PlainHttp http;
    private final Backoff retries;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** {@code retries}: {@link #RETRIES}, or a single attempt for a caller that retries itself. */
    public AwsJsonApi(Service service, Optional<URI> endpointOverride, Access access, Backoff retries) {
        this.service = service;
        this.endpointOverride = endpointOverride;
        this.access = access;
        this.http = new PlainHttp(CONNECT_TIMEOUT, false);
        this.retries = retries;
    }

    /** The endpoint for {@code region}: the service's host in the region's partition. */
    static URI endpoint(Service service, String region) {
        String dnsSuffix = PartitionMetadata.of(Region.of(region)).dnsSuffix();
        return URI.create("https://" + service.signingName() + "." + region + "." + dnsSuffix + "/");
    }

    /** Calls {@code operation} with the JSON object {@code body}, retrying outages. */
    public Outcome call(String operation, byte[] body) {
        String region = access.region().get();
        URI uri = endpointOverride.map(AwsJsonApi::withPath).orElseGet(() -> endpoint(service, region));
        AwsCredentialsIdentity credentials;
        try {
            credentials = access.credentials().get();
        } catch (SdkException e) {
            return new Unavailable("no AWS credentials (" + e.getClass().getSimpleName() + ")");
        }
        String target = service.targetPrefix() + "." + operation;
        int attempt = 1;
        while (true) {
            PlainHttp.Exchange exchange = http.send("POST", uri, signedHeaders(uri, target, region, credentials, body),
                    body, READ_TIMEOUT);
            Outcome outcome = outcome(exchange);
            boolean retryable = outcome instanceof Unavailable;
            if (!retryable || !retries.allowsRetryAfter(attempt)) {
                return outcome;
            }
            Backoff.sleep(retries.delayAfter(attempt));
            attempt++;
        }
    }

    private Map<String, String> signedHeaders(URI uri, String target, String region,
                                              AwsCredentialsIdentity credentials, byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", service.contentType()).putHeader("X-Amz-Target", target).build();
        SdkHttpRequest signed = signer.sign(r -> r.identity(credentials).request(request)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region))
                .request();
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> {
            if (!SET_BY_THE_CONNECTION.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }

    /** An answer as an outcome: 200 answered; an outage (worth another attempt) unavailable; the rest refused. */
    static Outcome outcome(PlainHttp.Exchange exchange) {
        if (exchange instanceof PlainHttp.NoAnswer none) {
            return new Unavailable(none.cause().getClass().getSimpleName());
        }
        PlainHttp.Answered answered = (PlainHttp.Answered) exchange;
        if (answered.status() == 200) {
            return new Answered(answered.body());
        }
        String code = errorCode(answered);
        if (answered.status() >= 500 || answered.status() == 429 || THROTTLING.contains(code)
                || TRANSIENT.contains(code)) {
            return new Unavailable(code.startsWith("HTTP ") ? code : code + " (HTTP " + answered.status() + ")");
        }
        return new Refused(code, answered.status());
    }

    /**
     * The error's type as the AWS JSON 1.1 protocol carries it: the {@code X-Amzn-ErrorType} header, else the
     * body's {@code __type} (or {@code code}); anything after a ':' and before a '#' is not part of it.
     */
    static String errorCode(PlainHttp.Answered answered) {
        String type = answered.header("X-Amzn-ErrorType")
                .or(() -> typeInBody(answered.body()))
                .orElse("HTTP " + answered.status());
        int colon = type.indexOf(':');
        if (colon >= 0) {
            type = type.substring(0, colon);
        }
        return type.substring(type.lastIndexOf('#') + 1).strip();
    }

    /** A request body: a JSON object of text, booleans and lists of such objects, members in their order. */
    public static byte[] requestBody(Map<String, ?> members) {
        try {
            return JsonTrees.write(members).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON request body: " + members.keySet(), e);
        }
    }

    /** The text at {@code path} (member names from the top) of a JSON object, if it is there and is text. */
    public static Optional<String> text(String json, List<String> path) {
        Object node;
        try {
            node = JsonTrees.read(json);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String name : path) {
            node = JsonTrees.member(node, name);
        }
        return node instanceof String text ? Optional.of(text) : Optional.empty();
    }

    /** The body's {@code __type}, else its {@code code}, when it is a JSON object that has one as text. */
    private static Optional<String> typeInBody(String json) {
        Object body;
        try {
            body = JsonTrees.read(json);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(JsonTrees.member(body, "__type") instanceof String type ? type
                : JsonTrees.member(body, "code") instanceof String code ? code : null);
    }

    private static URI withPath(URI endpoint) {
        return endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? endpoint.resolve("/") : endpoint;
    }
}
