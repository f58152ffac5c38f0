package io.github.twitterstats.adapter.out.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.v2.model.MetricIntakeType;
import com.datadog.api.client.v2.model.MetricPayload;
import com.datadog.api.client.v2.model.MetricPoint;
import com.datadog.api.client.v2.model.MetricSeries;
import io.github.twitterstats.domain.Gauge;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The series body is the v2 payload exactly as datadog-api-client's model classes serialise it. */
class SeriesPayloadTest {

    private static final String[] ODD_TAGS = {"account:x", "quote\"back\\slash/<\u0001", "team:growth", "ü€𝄞",
            "a b\tc"};

    @Test
    void theBodyIsByteForByteWhatTheClientsV2ModelWrites() throws IOException {
        Random random = new Random(1);
        List<Gauge> gauges = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            List<String> tags = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                tags.add(ODD_TAGS[random.nextInt(ODD_TAGS.length)] + i);
            }
            double value = switch (i % 5) {
                case 0 -> i;
                case 1 -> random.nextDouble();
                case 2 -> 1e20 * i;
                case 3 -> -0.0;
                default -> 123_456_789_012L * i;
            };
            gauges.add(new Gauge("twitter.m" + (i % 7), value, Instant.ofEpochSecond(1_700_000_000L + i), tags));
        }

        List<SeriesPayload.Body> bodies = new SeriesPayload(Compression.GZIP).plan(gauges);

        assertThat(bodies).hasSize(1);
        byte[] sent = new GZIPInputStream(new ByteArrayInputStream(bodies.get(0).wire())).readAllBytes();
        assertThat(new String(sent, StandardCharsets.UTF_8))
                .isEqualTo(new String(modelBody(gauges), StandardCharsets.UTF_8));
        assertThat(bodies.get(0).jsonBytes()).isEqualTo(sent.length);
        assertThat(bodies.get(0).compressedBytes()).isEqualTo(bodies.get(0).wire().length);
    }

    @Test
    void withoutCompressionTheWireIsTheJson() {
        Gauge gauge = new Gauge("twitter.followers_count", 12, Instant.ofEpochSecond(1_700_000_000L), List.of());

        SeriesPayload.Body body = new SeriesPayload(Compression.NONE).plan(List.of(gauge)).get(0);

        assertThat(new String(body.wire(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"series\":[{\"metric\":\"twitter.followers_count\",\"points\":[{\"timestamp\":1700000000,"
                        + "\"value\":12.0}],\"type\":3}]}");
        assertThat(body.compressedBytes()).isEqualTo(-1);
    }

    private static byte[] modelBody(List<Gauge> gauges) throws IOException {
        List<MetricSeries> series = new ArrayList<>();
        for (Gauge gauge : gauges) {
            MetricSeries s = new MetricSeries().metric(gauge.metric()).type(MetricIntakeType.GAUGE)
                    .points(List.of(new MetricPoint().timestamp(gauge.timestamp().getEpochSecond()).value(gauge.value())));
            if (!gauge.tags().isEmpty()) {
                s.tags(new ArrayList<>(gauge.tags()));
            }
            series.add(s);
        }
        return new ApiClient().getJSON().getMapper().writeValueAsBytes(new MetricPayload().series(series));
    }
}
