package io.github.twitterstats.adapter.out.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import io.github.twitterstats.adapter.out.datadog.DatadogMetricsSink.Timeouts;
import io.github.twitterstats.config.DatadogCredentials;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Dropped;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.Refusal;
import io.github.twitterstats.domain.SendResult;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeDatadogApi.Point;
import io.github.twitterstats.testing.FakeDatadogApi.ReceivedRequest;
import io.github.twitterstats.testing.FakeDatadogApi.ReceivedSeries;
import io.github.twitterstats.testing.RecordingLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DataDog sink, through the JDK HTTP client over real HTTP, against a strict loopback
 * fake of DataDog's series intake.
 */
class DatadogMetricsSinkTest {

    private static final Backoff FAST = new Backoff(4, Duration.ofMillis(1), Duration.ofMillis(5));
    private static final Timeouts SHORT = new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(800));
    // Multi-megabyte bodies on a loaded 2-core machine can take seconds: a timeout there would make
    // the sink retry a request DataDog already ingested, and the exactly-once assertions flaky.
    private static final Timeouts PATIENT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private static final String[] METRICS = {"followers_count", "friends_count", "status_count",
            "favourites_count", "listed_count", "media_count"};

    private final FakeDatadogApi datadog = new FakeDatadogApi();
    private final RecordingLog log = new RecordingLog();
    private final Instant now = Instant.now();

    @BeforeEach
    void start() {
        datadog.start();
    }

    @AfterEach
    void noLogLineCarriesTheKey() {
        datadog.close();
        assertThat(log.lines()).allSatisfy(event -> assertThat(event).doesNotContain(datadog.apiKey()));
    }

    private DatadogMetricsSink sink() {
        return sink(Compression.GZIP);
    }

    private DatadogMetricsSink sink(Compression compression) {
        return sink(compression, PATIENT);
    }

    private DatadogMetricsSink sink(Compression compression, Timeouts timeouts) {
        return new DatadogMetricsSink(new DatadogCredentials(datadog.apiKey(), Optional.empty()), datadog.baseUrl(),
                FAST, log, Clock.systemUTC(), timeouts, compression);
    }

    /** Six gauges per account, tagged like GaugeNaming tags them. */
    private List<Gauge> gaugesFor(int accounts, String... extraTags) {
        List<Gauge> gauges = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            List<String> tags = new ArrayList<>();
            tags.add("account:user_" + a);
            tags.addAll(List.of(extraTags));
            for (int m = 0; m < METRICS.length; m++) {
                gauges.add(new Gauge("twitter." + METRICS[m], a * 10 + m, now, tags));
            }
        }
        return gauges;
    }

    private static ReceivedSeries expected(Gauge gauge) {
        return new ReceivedSeries(gauge.metric(), 3, List.of(new Point(gauge.timestamp().getEpochSecond(), gauge.value())),
                gauge.tags());
    }

    private static List<ReceivedSeries> expected(List<Gauge> gauges) {
        return gauges.stream().map(DatadogMetricsSinkTest::expected).toList();
    }

    /**
     * DataDog ingested exactly these series, in this order. Element by element, so a failure with
     * tens of thousands of series says which one differs, quickly (a list diff would take minutes).
     */
    private void assertDatadogReceivedExactly(List<Gauge> gauges) {
        List<ReceivedSeries> wanted = expected(gauges);
        List<ReceivedSeries> received = datadog.receivedSeries();
        for (int i = 0; i < Math.min(wanted.size(), received.size()); i++) {
            if (!wanted.get(i).equals(received.get(i))) {
                fail("series " + i + " differs: wanted " + wanted.get(i) + " but DataDog received " + received.get(i));
            }
        }
        if (wanted.size() != received.size()) {
            fail("wanted " + wanted.size() + " series, DataDog received " + received.size());
        }
    }

    /** The sink's result when every gauge it could send was accepted. */
    private static Delivery delivered(SendResult result) {
        assertThat(result).isInstanceOf(SendResult.Delivered.class);
        return result.delivery();
    }

    private static SendResult.Undelivered undelivered(SendResult result) {
        assertThat(result).isInstanceOf(SendResult.Undelivered.class);
        return (SendResult.Undelivered) result;
    }

    private String everythingSaidAbout(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return e.getMessage() + "\n" + e + "\n" + trace;
    }

    @Nested
    class Delivering {

        @Test
        void fifteenHundredGaugesTravelInOneGzipRequestExactlyAsGiven() {
            List<Gauge> gauges = gaugesFor(250, "env:test");

            Delivery delivery = delivered(sink().send(gauges));

            assertThat(delivery).isEqualTo(new Delivery(1, 1_500));
            ReceivedRequest request = datadog.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v2/series");
            assertThat(request.apiKeyMatched()).isTrue();
            assertThat(request.contentEncoding()).isEqualTo("gzip");
            assertThat(request.contentType()).startsWith("application/json");
            assertThat(request.status()).isEqualTo(202);
            assertThat(request.wireBytes()).isLessThan(request.decodedBytes() / 5);
            assertDatadogReceivedExactly(gauges);
        }

        @Test
        void theSizeTheSinkPlansWithIsTheBodySizeDatadogReceivesToTheByte() {
            sink().send(gaugesFor(250, "env:test", "team:growth"));

            Object planned = log.fieldsOf("datadog series request").get("json_bytes");
            assertThat(planned).isEqualTo(datadog.requests().get(0).decodedBytes());
        }

        @Test
        void noGaugesSendNothing() {
            assertThat(delivered(sink().send(List.of()))).isEqualTo(Delivery.NOTHING);
            assertThat(datadog.requestCount()).isZero();
        }

        @Test
        void deflateIsUnderstoodToo() {
            List<Gauge> gauges = gaugesFor(10);

            assertThat(delivered(sink(Compression.DEFLATE).send(gauges))).isEqualTo(new Delivery(1, 60));

            assertThat(datadog.requests()).singleElement().extracting(ReceivedRequest::contentEncoding).isEqualTo("deflate");
            assertDatadogReceivedExactly(gauges);
        }
    }

    @Nested
    class Batching {

        @Test
        void pastFiveMegabytesOfJsonTheSeriesSplitIntoTheFewestRequestsAndEachArrivesOnce() {
            // ~200 bytes of JSON a series: 36,000 series are ~7 MB, which needs two requests
            String team = "team:" + "growth-and-engagement-".repeat(4);
            List<Gauge> gauges = gaugesFor(6_000, "env:production", team);

            Delivery delivery = delivered(sink().send(gauges));

            List<ReceivedRequest> requests = datadog.requests();
            long totalJson = requests.stream().mapToLong(ReceivedRequest::decodedBytes).sum();
            assertThat(totalJson).isGreaterThan(5_242_880L);
            assertThat(requests).hasSize((int) Math.ceil(totalJson / (5_242_880.0 - 4_096)));
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(202);
                assertThat(r.decodedBytes()).isLessThan(FakeDatadogApi.DECOMPRESSED_BYTES_LIMIT);
                assertThat(r.wireBytes()).isLessThanOrEqualTo(FakeDatadogApi.MAX_WIRE_BYTES);
            });
            assertThat(delivery).isEqualTo(new Delivery(requests.size(), 36_000));
            assertDatadogReceivedExactly(gauges);
        }

        @Test
        void poorlyCompressibleTagsAreSplitByTheirCompressedSize() {
            // random tag values compress to ~3/4: ~1 MB of JSON is ~0.8 MB gzipped, two requests' worth
            Random random = new Random(7);
            List<Gauge> gauges = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                byte[] noise = new byte[150];
                random.nextBytes(noise);
                gauges.add(new Gauge("twitter.followers_count", i, now,
                        List.of("account:user_" + i, "nonce:" + Base64.getEncoder().encodeToString(noise))));
            }

            Delivery delivery = delivered(sink().send(gauges));

            List<ReceivedRequest> requests = datadog.requests();
            long totalWire = requests.stream().mapToLong(ReceivedRequest::wireBytes).sum();
            assertThat(totalWire).isGreaterThan(FakeDatadogApi.MAX_WIRE_BYTES);
            assertThat(requests).hasSize(2).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(202);
                assertThat(r.wireBytes()).isLessThanOrEqualTo(FakeDatadogApi.MAX_WIRE_BYTES);
                assertThat(r.decodedBytes()).isLessThan(1_000_000);
            });
            assertThat(delivery).isEqualTo(new Delivery(2, 4_000));
            assertDatadogReceivedExactly(gauges);
        }

        @Test
        void withoutCompressionARequestCarriesAtMost512000Bytes() {
            List<Gauge> gauges = gaugesFor(1_000, "env:test"); // ~150 KB of JSON... times six accounts' worth

            Delivery delivery = delivered(sink(Compression.NONE).send(gauges));

            assertThat(datadog.requests()).allSatisfy(r -> {
                assertThat(r.contentEncoding()).isNull();
                assertThat(r.wireBytes()).isLessThanOrEqualTo(FakeDatadogApi.MAX_WIRE_BYTES);
            });
            assertThat(delivery.requests()).isEqualTo(datadog.requestCount()).isGreaterThan(1);
            assertDatadogReceivedExactly(gauges);
        }

        @Test
        void aSeriesTooLargeForAnyRequestFailsTheRunBeforeAnythingIsSent() {
            Gauge monster = new Gauge("twitter.followers_count", 1, now, List.of("blob:" + "x".repeat(5_300_000)));

            assertThatThrownBy(() -> sink().send(List.of(monster)))
                    .isInstanceOf(RunFailedException.class)
                    .hasMessageContaining("twitter.followers_count")
                    .hasMessageContaining("more than one DataDog request may carry");
            assertThat(datadog.requestCount()).isZero();
        }
    }

    @Nested
    class PointsOutsideDataDogsWindow {

        @Test
        void areNeverSentAndComeBackAsDroppedAndOnlyTheTooOldCountAsExpired() {
            List<String> tags = List.of("account:a");
            Gauge fresh = new Gauge("twitter.followers_count", 1, now, tags);
            Gauge halfHourOld = new Gauge("twitter.friends_count", 2, now.minus(Duration.ofMinutes(30)), tags);
            Gauge stale = new Gauge("twitter.status_count", 3, now.minus(Duration.ofMinutes(61)), tags);
            Gauge nineAhead = new Gauge("twitter.listed_count", 4, now.plus(Duration.ofMinutes(9)), tags);
            Gauge future = new Gauge("twitter.media_count", 5, now.plus(Duration.ofMinutes(11)), tags);

            SendResult result = sink().send(List.of(fresh, halfHourOld, stale, nineAhead, future));

            assertThat(delivered(result)).isEqualTo(new Delivery(1, 3));
            assertThat(result.expired()).isEqualTo(1);
            assertDatadogReceivedExactly(List.of(fresh, halfHourOld, nineAhead));
            assertThat(datadog.droppedSeries()).isEmpty();
            assertThat(result.dropped().expired()).containsExactly(stale);
            assertThat(result.dropped().refused()).containsExactly(entry(Refusal.TOO_FAR_AHEAD, List.of(future)));
        }

        @Test
        void whenEveryGaugeIsStaleNoRequestIsMade() {
            Gauge stale = new Gauge("twitter.followers_count", 1, now.minus(Duration.ofHours(2)), List.of());

            assertThat(sink().send(List.of(stale))).isEqualTo(new SendResult.Delivered(Delivery.NOTHING, new Dropped(List.of(stale), Map.of())));
            assertThat(datadog.requestCount()).isZero();
        }
    }

    @Nested
    class Retrying {

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {500, 502, 503, 408, 429})
        void aTransientAnswerIsRetriedAndEveryRequestIsCounted(int status) {
            datadog.failNext(1, status);
            List<Gauge> gauges = gaugesFor(2);

            Delivery delivery = delivered(sink().send(gauges));

            assertThat(delivery).isEqualTo(new Delivery(2, 12));
            assertThat(datadog.requests()).extracting(ReceivedRequest::status).containsExactly(status, 202);
            assertDatadogReceivedExactly(gauges);
            assertThat(log.lines()).anySatisfy(e -> assertThat(e).contains("retrying").contains("HTTP " + status));
        }

        @Test
        void aDroppedConnectionIsRetried() {
            datadog.dropNextConnections(1);

            Delivery delivery = delivered(sink().send(gaugesFor(1)));

            assertThat(delivery).isEqualTo(new Delivery(2, 6));
            assertThat(datadog.requests()).extracting(ReceivedRequest::fault).containsExactly("dropped connection", null);
        }

        @Test
        void aResponseSlowerThanTheReadTimeoutIsGivenUpOnAndRetried() {
            datadog.delayNext(1, Duration.ofSeconds(3));

            Delivery delivery = delivered(sink(Compression.GZIP, SHORT).send(gaugesFor(1)));

            assertThat(delivery.requests()).isEqualTo(2);
            assertThat(datadog.requestCount()).isEqualTo(2);
            assertThat(log.lines()).anySatisfy(e -> assertThat(e).contains("network error").containsIgnoringCase("timed out"));
        }

        @Test
        void everyRequestCarriesItsContentLengthSoNoServerNeedsToAskForOne() {
            List<Gauge> gauges = gaugesFor(250, "env:test");

            Delivery delivery = delivered(sink().send(gauges));

            assertThat(delivery).isEqualTo(new Delivery(1, 1_500));
            assertThat(datadog.requests()).singleElement().satisfies(r -> {
                assertThat(r.wireBytesMeasured()).as("a Content-Length, not a chunked body").isTrue();
                assertThat(r.wireBytes()).isEqualTo(log.fieldsOf("datadog series request").get("compressed_bytes"));
            });
            assertDatadogReceivedExactly(gauges);
        }

        @Test
        void aServerErrorThatLastsGivesEveryGaugeBackAfterTheBoundedAttempts() {
            datadog.failAlways(500);
            List<Gauge> gauges = gaugesFor(1);

            SendResult.Undelivered result = undelivered(sink().send(gauges));

            assertThat(result.undelivered()).containsExactlyElementsOf(gauges);
            assertThat(result.delivery()).isEqualTo(new Delivery(FAST.maxAttempts(), 0));
            assertThat(result.problem())
                    .contains("after 4 attempts")
                    .contains("HTTP 500")
                    .contains("Internal Server Error")
                    .doesNotContain(datadog.apiKey());
            assertThat(datadog.requestCount()).isEqualTo(FAST.maxAttempts());
        }

        @Test
        void whenALaterBatchKeepsFailingExactlyTheGaugesNotAcceptedComeBackInOrder() {
            String team = "team:" + "growth-and-engagement-".repeat(4);
            List<Gauge> gauges = gaugesFor(12_000, "env:production", team); // four requests' worth
            datadog.passNext(1).failAlways(503);

            SendResult.Undelivered result = undelivered(sink().send(gauges));

            int acceptedFirst = datadog.requests().get(0).accepted().size();
            assertThat(acceptedFirst).isPositive().isLessThan(gauges.size() / 2);
            assertThat(result.delivery()).isEqualTo(new Delivery(1 + FAST.maxAttempts(), acceptedFirst));
            assertThat(result.undelivered()).containsExactlyElementsOf(gauges.subList(acceptedFirst, gauges.size()));
            assertThat(datadog.requestCount()).as("later batches are not tried once the second gave up")
                    .isEqualTo(1 + FAST.maxAttempts());
            assertThat(result.problem()).contains(acceptedFirst + " of 72000 series had been accepted before");
        }

        @Test
        void anUnreachableDatadogGivesEveryGaugeBackAfterTheBoundedAttempts() throws Exception {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            DatadogMetricsSink sink = new DatadogMetricsSink(new DatadogCredentials(datadog.apiKey(), Optional.empty()),
                    URI.create("http://127.0.0.1:" + closedPort), FAST, log, Clock.systemUTC(), SHORT, Compression.GZIP);

            SendResult.Undelivered result = undelivered(sink.send(gaugesFor(1)));

            assertThat(result.problem()).contains("after 4 attempts").contains("network error")
                    .contains("Connection refused").doesNotContain(datadog.apiKey());
            assertThat(result.undelivered()).hasSize(6);
        }
    }

    @Nested
    class Refusals {

        @Test
        void aWrongKeyFailsAtOnceNamingTheSettingsToCheckButNotTheKey() {
            String wrongKey = "wrong-key-5f0c1e2d3b4a59687766554433221100";
            DatadogMetricsSink sink = new DatadogMetricsSink(new DatadogCredentials(wrongKey, Optional.empty()),
                    datadog.baseUrl(), FAST, log, Clock.systemUTC(), PATIENT, Compression.GZIP);

            CredentialsRejectedException failure =
                    catchThrowableOfType(CredentialsRejectedException.class, () -> sink.send(gaugesFor(1)));

            assertThat(failure.service()).isEqualTo(Service.DATADOG);
            assertThat(failure.getMessage()).contains("rejected the API key").contains(datadog.baseUrl().toString())
                    .contains("403").contains("Forbidden");
            assertThat(everythingSaidAbout(failure)).doesNotContain(wrongKey).doesNotContain(datadog.apiKey());
            assertThat(datadog.requestCount()).isEqualTo(1);
            assertThat(log.lines()).allSatisfy(e -> assertThat(e).doesNotContain(wrongKey));
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {401, 403})
        void anAuthenticationErrorIsNeverRetried(int status) {
            datadog.failNext(1, status);

            assertThatThrownBy(() -> sink().send(gaugesFor(1)))
                    .isInstanceOfSatisfying(CredentialsRejectedException.class,
                            e -> assertThat(e.service()).isEqualTo(Service.DATADOG))
                    .hasMessageContaining("rejected the API key");
            assertThat(datadog.requestCount()).isEqualTo(1);
        }

        @ParameterizedTest(name = "HTTP {0}")
        @ValueSource(ints = {400, 413})
        void anotherClientErrorFailsAtOnceWithDatadogsWords(int status) {
            datadog.failNext(1, status);

            RunFailedException failure = catchThrowableOfType(RunFailedException.class, () -> sink().send(gaugesFor(1)));

            assertThat(failure).isNotInstanceOf(CredentialsRejectedException.class);
            assertThat(failure.getMessage()).contains("HTTP " + status)
                    .contains(status == 400 ? "Bad Request" : "Payload too large");
            assertThat(datadog.requestCount()).isEqualTo(1);
            assertThat(everythingSaidAbout(failure)).doesNotContain(datadog.apiKey());
        }

        @Test
        void aLaterBatchFailingSaysHowMuchWasAlreadyAccepted() {
            String team = "team:" + "growth-and-engagement-".repeat(4);
            List<Gauge> gauges = gaugesFor(6_000, "env:production", team);
            datadog.passNext(1).failNext(1, 400);

            RunFailedException failure = catchThrowableOfType(RunFailedException.class, () -> sink().send(gauges));

            int acceptedFirst = datadog.requests().get(0).accepted().size();
            assertThat(acceptedFirst).isPositive();
            assertThat(failure.getMessage()).contains(acceptedFirst + " of 36000 series had been accepted before");
        }
    }

    @Nested
    class Addressing {

        @Test
        void aBaseUrlWithATrailingSlashReachesTheSameIntake() {
            DatadogMetricsSink sink = new DatadogMetricsSink(new DatadogCredentials(datadog.apiKey(), Optional.empty()),
                    URI.create(datadog.baseUrl() + "/"), FAST, log, Clock.systemUTC(), PATIENT, Compression.GZIP);

            assertThat(delivered(sink.send(gaugesFor(1)))).isEqualTo(new Delivery(1, 6));
            assertThat(datadog.requests()).singleElement().extracting(ReceivedRequest::path).isEqualTo("/api/v2/series");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ftp://127.0.0.1:21", "localhost:9000", "http://127.0.0.1:9000?x=1", "http://u:p@host"})
        void aBaseUrlThatIsNotHttpHostPortPathIsRefusedAtConstruction(String url) {
            assertThatThrownBy(() -> new DatadogMetricsSink(new DatadogCredentials("k", Optional.empty()),
                    URI.create(url), RunLog.SILENT, Clock.systemUTC()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("DataDog API base URL");
        }

        @ParameterizedTest
        @ValueSource(strings = {"datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "datadoghq.eu",
                "ap1.datadoghq.com", "ap2.datadoghq.com", "uk1.datadoghq.com", "ddog-gov.com", "us2.ddog-gov.com"})
        void everySitesApiHostBuildsASink(String site) {
            // the site -> URL mapping is configuration's (SettingsTest); every resulting URL must be accepted
            URI url = URI.create("https://api." + site);

            new DatadogMetricsSink(new DatadogCredentials("k", Optional.empty()), url, RunLog.SILENT, Clock.systemUTC());
        }
    }
}
