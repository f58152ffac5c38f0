package io.github.twitterstats.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A loopback peer speaking the AWS JSON 1.1 protocol of Secrets Manager (GetSecretValue) and SSM
 * (GetParameter), as their API references describe it: POST / with {@code X-Amz-Target},
 * {@code Content-Type: application/x-amz-json-1.1}, a SigV4 {@code Authorization} header whose
 * credential scope names the service, and a JSON body with only the documented members. Anything
 * else gets the error AWS would send, so a client that drifts from the protocol fails here.
 * <p>
 * The signature is checked as AWS checks it (Signature Version 4, "Create a signed AWS API request" in the IAM
 * user guide): the peer rebuilds the canonical request from what arrived on the wire (method, path, query, the
 * signed headers' values, the body's SHA-256), derives the signing key from the access key's secret and the
 * credential scope, and compares; temporary credentials need their X-Amz-Security-Token. An unknown access key, a scope outside {@link #REGION}, a request whose Host is
 * unsigned, a stale X-Amz-Date or any mismatch gets AWS's 400 answer.
 */
public final class FakeAwsServices implements AutoCloseable {

    /** The credentials the peer accepts: the ones the test JVMs and the jar's child processes are given. */
    public static final String ACCESS_KEY_ID = "test-access-key";
    public static final String SECRET_ACCESS_KEY = "test-secret-key";
    /** Temporary credentials, as a Lambda function gets them: usable only with their session token. */
    public static final String SESSION_ACCESS_KEY_ID = "ASIATESTSESSIONKEY";
    public static final String SESSION_SECRET_ACCESS_KEY = "test-session-secret";
    public static final String SESSION_TOKEN = "test-session-token";
    /** The region the peer stands for. */
    public static final String REGION = "us-east-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Pattern SIGV4 = Pattern.compile(
            "^AWS4-HMAC-SHA256 Credential=(?<key>[A-Za-z0-9_-]+)/(?<date>\\d{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)"
                    + "/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9;-]+), ?Signature=(?<signature>[0-9a-f]{64})$");

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Parameter> parameters = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final WireMockServer server;

    /** An SSM parameter: {@code type} is String, StringList or SecureString. */
    public record Parameter(String type, String value) {
    }

    public FakeAwsServices() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new Protocol()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public FakeAwsServices secret(String name, String secretString) {
        secrets.put(name, secretString);
        return this;
    }

    public FakeAwsServices parameter(String name, String type, String value) {
        parameters.put(name, new Parameter(type, value));
        return this;
    }

    /** How the peer fails every call from now on, as an outage would: {@link Outage#NONE} answers again. */
    public enum Outage {
        NONE, CONNECTION_RESET, SERVICE_UNAVAILABLE_503, INTERNAL_FAILURE_500, THROTTLED, ACCESS_DENIED
    }

    private volatile Outage outage = Outage.NONE;
    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

    public FakeAwsServices outage(Outage outage) {
        this.outage = outage;
        this.outageLeft.set(Integer.MAX_VALUE);
        return this;
    }

    /** Fails the next {@code attempts} requests as {@code outage} would, then answers again. */
    public FakeAwsServices outageFor(int attempts, Outage outage) {
        this.outage = outage;
        this.outageLeft.set(attempts);
        return this;
    }

    private final java.util.concurrent.atomic.AtomicInteger outageLeft =
            new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);

    /** Every request that reached the peer, answered or not (the SDK's retries included). */
    public int attempts() {
        return attempts.get();
    }

    /** Every accepted call as "Target Identifier", in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Protocol implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "aws-json-1.1";
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Request request = serveEvent.getRequest();
            attempts.incrementAndGet();
            Outage failing = outageLeft.getAndDecrement() > 0 ? outage : Outage.NONE;
            switch (failing) {
                case CONNECTION_RESET -> {
                    return new ResponseDefinitionBuilder()
                            .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
                }
                case SERVICE_UNAVAILABLE_503 -> {
                    return error(503, "ServiceUnavailable", "Service is unavailable");
                }
                case INTERNAL_FAILURE_500 -> {
                    return error(500, "InternalServiceError", "An error occurred on the server side.");
                }
                case THROTTLED -> {
                    return error(400, "ThrottlingException", "Rate exceeded");
                }
                case ACCESS_DENIED -> {
                    return error(400, "AccessDeniedException", "User is not authorized to perform this action");
                }
                case NONE -> {
                }
            }
            if (!"POST".equals(request.getMethod().getName()) || !"/".equals(request.getUrl())) {
                return error(404, "UnknownOperationException", "expected POST /");
            }
            String contentType = request.getHeader("Content-Type");
            if (contentType == null || !contentType.startsWith(CONTENT_TYPE)) {
                return error(400, "SerializationException", "Content-Type must be " + CONTENT_TYPE);
            }
            var signature = SIGV4.matcher(String.valueOf(request.getHeader("Authorization")));
            if (!signature.matches() || request.getHeader("X-Amz-Date") == null) {
                return error(400, "MissingAuthenticationTokenException", "request is not SigV4-signed");
            }
            ResponseDefinition refused = SigV4.verify(request, signature);
            if (refused != null) {
                return refused;
            }
            JsonNode body;
            try {
                body = JSON.readTree(request.getBodyAsString());
            } catch (Exception e) {
                return error(400, "SerializationException", "body is not JSON");
            }
            String target = String.valueOf(request.getHeader("X-Amz-Target"));
            String service = signature.group("service");
            return switch (target) {
                case "secretsmanager.GetSecretValue" -> "secretsmanager".equals(service)
                        ? getSecretValue(body) : error(403, "InvalidSignatureException", "wrong credential scope");
                case "AmazonSSM.GetParameter" -> "ssm".equals(service)
                        ? getParameter(body) : error(403, "InvalidSignatureException", "wrong credential scope");
                default -> error(400, "UnknownOperationException", "unknown X-Amz-Target " + target);
            };
        }

        private ResponseDefinition getSecretValue(JsonNode body) {
            String unexpected = unexpectedMember(body, Set.of("SecretId", "VersionId", "VersionStage"));
            if (unexpected != null || !body.path("SecretId").isTextual()) {
                return error(400, "InvalidParameterException", "SecretId is required; unexpected " + unexpected);
            }
            String id = body.get("SecretId").asText();
            String name = id.startsWith("arn:") ? id.substring(id.lastIndexOf(':') + 1) : id;
            String value = secrets.get(name);
            if (value == null) {
                return error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            }
            calls.add("GetSecretValue " + id);
            ObjectNode response = JSON.createObjectNode()
                    .put("ARN", "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf")
                    .put("Name", name).put("SecretString", value).put("VersionId", "v1")
                    .put("CreatedDate", 1.7e9);
            response.putArray("VersionStages").add("AWSCURRENT");
            return ok(response);
        }

        private ResponseDefinition getParameter(JsonNode body) {
            String unexpected = unexpectedMember(body, Set.of("Name", "WithDecryption"));
            if (unexpected != null || !body.path("Name").isTextual()) {
                return error(400, "ValidationException", "Name is required; unexpected " + unexpected);
            }
            String name = body.get("Name").asText();
            Parameter parameter = parameters.get(name);
            if (parameter == null) {
                return error(400, "ParameterNotFound", null);
            }
            calls.add("GetParameter " + name);
            ObjectNode response = JSON.createObjectNode();
            response.putObject("Parameter").put("Name", name).put("Type", parameter.type())
                    .put("Value", parameter.value()).put("Version", 1)
                    .put("ARN", "arn:aws:ssm:us-east-1:123456789012:parameter" + (name.startsWith("/") ? "" : "/") + name)
                    .put("DataType", "text");
            return ok(response);
        }

        private static String unexpectedMember(JsonNode body, Set<String> allowed) {
            if (!body.isObject()) {
                return "(not an object)";
            }
            var names = body.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    return name;
                }
            }
            return null;
        }

        private static ResponseDefinition ok(JsonNode body) {
            return new ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Content-Type", CONTENT_TYPE).withBody(body.toString()).build();
        }

        private static ResponseDefinition error(int status, String type, String message) {
            ObjectNode body = JSON.createObjectNode().put("__type", type);
            if (message != null) {
                body.put("message", message);
            }
            return new ResponseDefinitionBuilder().withStatus(status)
                    .withHeader("Content-Type", CONTENT_TYPE).withHeader("x-amzn-ErrorType", type)
                    .withBody(body.toString()).build();
        }
    }

    /** Signature Version 4 as AWS verifies it, written from the IAM user guide's description of the algorithm. */
    private static final class SigV4 {

        private static final java.time.format.DateTimeFormatter AMZ_DATE =
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);

        static ResponseDefinition verify(Request request, java.util.regex.Matcher authorization) {
            String secret = ACCESS_KEY_ID.equals(authorization.group("key")) ? SECRET_ACCESS_KEY
                    : SESSION_ACCESS_KEY_ID.equals(authorization.group("key")) ? SESSION_SECRET_ACCESS_KEY : null;
            boolean temporary = SESSION_ACCESS_KEY_ID.equals(authorization.group("key"));
            if (secret == null || temporary != SESSION_TOKEN.equals(request.getHeader("X-Amz-Security-Token"))) {
                return Protocol.error(400, "UnrecognizedClientException",
                        "The security token included in the request is invalid.");
            }
            if (!REGION.equals(authorization.group("region"))) {
                return Protocol.error(400, "InvalidSignatureException", "Credential should be scoped to a valid region.");
            }
            String amzDate = request.getHeader("X-Amz-Date");
            java.time.Instant signedAt;
            try {
                signedAt = java.time.Instant.from(AMZ_DATE.parse(amzDate));
            } catch (java.time.DateTimeException e) {
                return Protocol.error(400, "IncompleteSignatureException", "X-Amz-Date is not yyyyMMddTHHmmssZ");
            }
            if (!amzDate.startsWith(authorization.group("date"))
                    || java.time.Duration.between(signedAt, java.time.Instant.now()).abs().toMinutes() >= 15) {
                return Protocol.error(400, "InvalidSignatureException", "Signature expired or not of this date.");
            }
            List<String> signedHeaders = List.of(authorization.group("headers").split(";"));
            if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")
                    || !signedHeaders.equals(signedHeaders.stream().sorted().toList())) {
                return Protocol.error(400, "IncompleteSignatureException", "host and x-amz-date must be signed, in order");
            }
            byte[] body = request.getBody() == null ? new byte[0] : request.getBody();
            String payloadHash = hex(sha256(body));
            String declared = request.getHeader("X-Amz-Content-Sha256");
            if (declared != null && !declared.equals(payloadHash)) {
                return Protocol.error(400, "InvalidSignatureException", "x-amz-content-sha256 does not match the body");
            }
            StringBuilder canonical = new StringBuilder()
                    .append(request.getMethod().getName()).append('\n')
                    .append(path(request.getUrl())).append('\n')
                    .append(query(request.getUrl())).append('\n');
            for (String name : signedHeaders) {
                if (!request.containsHeader(name)) {
                    return Protocol.error(400, "InvalidSignatureException", "signed header " + name + " is missing");
                }
                String value = String.join(",", request.header(name).values().stream()
                        .map(v -> v.strip().replaceAll(" +", " ")).toList());
                canonical.append(name).append(':').append(value).append('\n');
            }
            canonical.append('\n').append(authorization.group("headers")).append('\n').append(payloadHash);
            String scope = authorization.group("date") + "/" + authorization.group("region") + "/"
                    + authorization.group("service") + "/aws4_request";
            String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                    + hex(sha256(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            byte[] key = ("AWS4" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (String part : scope.split("/")) {
                key = hmac(key, part);
            }
            if (!hex(hmac(key, stringToSign)).equals(authorization.group("signature"))) {
                return Protocol.error(400, "InvalidSignatureException", "The request signature we calculated does"
                        + " not match the signature you provided.");
            }
            return null;
        }

        private static String path(String url) {
            int q = url.indexOf('?');
            String path = q < 0 ? url : url.substring(0, q);
            return path.isEmpty() ? "/" : path;
        }

        private static String query(String url) {
            int q = url.indexOf('?');
            if (q < 0) {
                return "";
            }
            return java.util.Arrays.stream(url.substring(q + 1).split("&")).filter(p -> !p.isEmpty())
                    .map(p -> p.contains("=") ? p : p + "=").sorted().collect(java.util.stream.Collectors.joining("&"));
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] hmac(byte[] key, String data) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String hex(byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
    }
}
