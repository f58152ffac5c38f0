package io.github.twitterstats.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.testing.FakeDatadogApi.Point;
import io.github.twitterstats.testing.FakeDatadogApi.ReceivedSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake holds DataDog's documented line, independently of any code under test. */
class FakeDatadogApiTest {

    private final FakeDatadogApi datadog = new FakeDatadogApi();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final long now = Instant.now().getEpochSecond();

    @BeforeEach
    void start() {
        datadog.start();
    }

    @AfterEach
    void stop() {
        datadog.close();
    }

    private String series(long timestamp) {
        return "{\"series\":[{\"metric\":\"twitter.followers_count\",\"type\":3,"
                + "\"points\":[{\"timestamp\":" + timestamp + ",\"value\":42.0}],\"tags\":[\"account:a\"]}]}";
    }

    private HttpResponse<String> post(String path, String key, String contentType, String encoding, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(datadog.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("DD-API-KEY", key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postSeries(String encoding, byte[] body) throws Exception {
        return post("/api/v2/series", datadog.apiKey(), "application/json", encoding, body);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(body);
        }
        return out.toByteArray();
    }

    @Test
    void aValidGzipPayloadIsAcceptedWith202AndRecorded() throws Exception {
        byte[] json = utf8(series(now));

        HttpResponse<String> response = postSeries("gzip", gzip(json));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"errors\":[]}");
        assertThat(datadog.receivedSeries()).containsExactly(
                new ReceivedSeries("twitter.followers_count", 3, List.of(new Point(now, 42.0)), List.of("account:a")));
        assertThat(datadog.requests()).singleElement().satisfies(r -> {
            assertThat(r.contentEncoding()).isEqualTo("gzip");
            assertThat(r.decodedBytes()).isEqualTo(json.length);
            assertThat(r.wireBytes()).isEqualTo(gzip(json).length);
            assertThat(r.wireBytesMeasured()).isTrue();
        });
    }

    @Test
    void deflateAndPlainBodiesAreAcceptedToo() throws Exception {
        assertThat(postSeries("deflate", deflate(utf8(series(now)))).statusCode()).isEqualTo(202);
        assertThat(postSeries(null, utf8(series(now))).statusCode()).isEqualTo(202);
        assertThat(datadog.receivedSeries()).hasSize(2);
    }

    @Test
    void aMissingOrWrongKeyIsForbiddenInDatadogsWords() throws Exception {
        HttpResponse<String> missing = post("/api/v2/series", null, "application/json", null, utf8(series(now)));
        HttpResponse<String> wrong = post("/api/v2/series", "nope", "application/json", null, utf8(series(now)));

        assertThat(List.of(missing, wrong)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).isEqualTo("{\"errors\":[\"Forbidden\"]}");
        });
        assertThat(datadog.receivedSeries()).isEmpty();
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(post("/api/v1/series2", datadog.apiKey(), "application/json", null, utf8(series(now))).statusCode())
                .isEqualTo(404);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(datadog.baseUrl() + "/api/v2/series"))
                .header("DD-API-KEY", datadog.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void aWrongContentTypeOrUnknownEncodingIsABadRequest() throws Exception {
        assertThat(post("/api/v2/series", datadog.apiKey(), "text/plain", null, utf8(series(now))).statusCode())
                .isEqualTo(400);
        assertThat(postSeries("br", utf8(series(now))).statusCode()).isEqualTo(400);
        assertThat(postSeries("deflate", utf8(series(now))).body()).contains("not valid deflate");
    }

    @Test
    void bodiesOverTheDocumentedSizesAreTooLarge() throws Exception {
        String padding = " ".repeat(600_000);
        byte[] plainOver = utf8("{\"series\":[]" + padding + "}");
        assertThat(postSeries(null, plainOver).statusCode()).isEqualTo(413);

        // compresses to a few KB, but decodes to exactly 5,242,880 bytes: not "less than" the limit
        String open = "{\"series\":[]";
        byte[] decodedAtLimit = utf8(open + " ".repeat(5_242_880 - open.length() - 1) + "}");
        assertThat(decodedAtLimit).hasSize(5_242_880);
        HttpResponse<String> response = postSeries("gzip", gzip(decodedAtLimit));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"errors\":[\"Payload too large\"]}");

        byte[] decodedUnderLimit = utf8(open + " ".repeat(5_242_879 - open.length() - 1) + "}");
        assertThat(postSeries("gzip", gzip(decodedUnderLimit)).statusCode()).isEqualTo(202);
    }

    @Test
    void aBodyThatIsNotAV2PayloadIsABadRequestListingEachProblem() throws Exception {
        String bad = "{\"series\":[{\"type\":4,\"points\":[{\"timestamp\":1.5,\"value\":\"7\"}],\"tags\":[3]}]}";

        HttpResponse<String> response = postSeries(null, utf8(bad));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("series[0].metric").contains("series[0].type")
                .contains("points[0].timestamp").contains("points[0].value").contains("series[0].tags");
        assertThat(postSeries(null, utf8("{\"metrics\":[]}")).statusCode()).isEqualTo(400);
        assertThat(postSeries(null, utf8("not json")).statusCode()).isEqualTo(400);
        assertThat(datadog.receivedSeries()).isEmpty();
    }

    @Test
    void pointsOutsideTheHourAndTenMinutesAreAcceptedButDropped() throws Exception {
        assertThat(postSeries(null, utf8(series(now - 3_601))).statusCode()).isEqualTo(202);
        assertThat(postSeries(null, utf8(series(now + 660))).statusCode()).isEqualTo(202);

        assertThat(datadog.receivedSeries()).isEmpty();
        assertThat(datadog.droppedSeries()).hasSize(2);
    }

    @Test
    void faultsApplyToTheNextRequestsInOrderAndAreJournaled() throws Exception {
        datadog.failNext(2, 503).dropNextConnections(1);

        assertThat(postSeries(null, utf8(series(now))).statusCode()).isEqualTo(503);
        assertThat(postSeries(null, utf8(series(now))).statusCode()).isEqualTo(503);
        assertThatThrownBy(() -> postSeries(null, utf8(series(now)))).isInstanceOf(IOException.class);
        assertThat(postSeries(null, utf8(series(now))).statusCode()).isEqualTo(202);

        assertThat(datadog.requests()).extracting(FakeDatadogApi.ReceivedRequest::fault)
                .containsExactly("HTTP 503", "HTTP 503", "dropped connection", null);
        assertThat(datadog.receivedSeries()).hasSize(1);
    }
}
