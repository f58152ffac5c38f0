package io.github.twitterstats.adapter.out.datadog;

import com.datadog.api.client.v2.model.MetricIntakeType;
import com.datadog.api.client.v2.model.MetricPayload;
import com.datadog.api.client.v2.model.MetricPoint;
import com.datadog.api.client.v2.model.MetricSeries;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.support.SizeBoundedBatcher;
import io.github.twitterstats.support.SizeBoundedBatcher.OversizedItemException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts gauges into as few series requests as DataDog's limits allow. Sizes are measured with the
 * ObjectMapper the client serialises with, so a batch's size is its body's size to the byte.
 */
final class SeriesBatches {

    /** {@code {"series":[} and {@code ]}} around the comma-separated series. */
    static final int ENVELOPE_BYTES = "{\"series\":[]}".length();
    static final int SEPARATOR_BYTES = 1;

    /** One request's worth: the payload, how many series, its JSON size and compressed size (-1: not measured). */
    record Planned(MetricPayload payload, int seriesCount, long jsonBytes, long compressedBytes) { }

    private final ObjectMapper mapper;

    private final Compression compression;
    private final SizeBoundedBatcher batcher;

    SeriesBatches(ObjectMapper mapper, Compression compression) {
        this.mapper = mapper;
        this.compression = compression;
        this.batcher = new SizeBoundedBatcher(compression.maxJsonBytes(), ENVELOPE_BYTES, SEPARATOR_BYTES);
    }

    static MetricSeries seriesOf(Gauge gauge) {
        MetricSeries series = new MetricSeries()
                .metric(gauge.metric())
                .type(MetricIntakeType.GAUGE)
                .points(List.of(new MetricPoint().timestamp(gauge.timestamp().getEpochSecond()).value(gauge.value())));
        if (!gauge.tags().isEmpty()) {
            series.tags(new ArrayList<>(gauge.tags()));
        }
        return series;
    }

    /** The requests for these gauges, in order; every gauge is in exactly one. */
    List<Planned> plan(List<Gauge> gauges) {
        List<MetricSeries> series = gauges.stream().map(SeriesBatches::seriesOf).toList();
        // The usual case, one request: a single serialisation of the whole body measures it, where
        // sizing each series on its own costs one serialisation per series. Greedy packing would give
        // this same single batch, so the result is the same.
        if (!series.isEmpty()) {
            long wholeBytes = serialisedBytes(new MetricPayload().series(new ArrayList<>(series)));
            if (wholeBytes <= compression.maxJsonBytes()) {
                List<Planned> planned = new ArrayList<>();
                fitCompressed(series, wholeBytes, planned);
                return planned;
            }
        }
        List<SizeBoundedBatcher.Batch<MetricSeries>> byJsonSize;
        try {
            byJsonSize = batcher.split(series, this::jsonBytes);
        } catch (OversizedItemException e) {
            throw new RunFailedException("the series " + series.get(e.index()).getMetric() + " is "
                    + e.itemBytes() + " bytes of JSON, more than one DataDog request may carry ("
                    + e.roomBytes() + "); are its tags sensible?");
        }
        List<Planned> planned = new ArrayList<>();
        for (SizeBoundedBatcher.Batch<MetricSeries> batch : byJsonSize) {
            fitCompressed(batch.items(), batch.bytes(), planned);
        }
        return planned;
    }

    /**
     * Adds {@code items} as one request when its compressed body fits, else cuts it into as many
     * parts as the compressed size says it needs (poorly compressible tags) and checks each again.
     */
    private void fitCompressed(List<MetricSeries> items, long jsonBytes, List<Planned> out) {
        MetricPayload payload = new MetricPayload().series(new ArrayList<>(items));
        if (!compression.compresses() || compression.certainlyFitsCompressed(jsonBytes)) {
            out.add(new Planned(payload, items.size(), jsonBytes, -1));
            return;
        }
        long compressed = compressedBytes(payload);
        if (compressed <= compression.maxCompressedBytes()) {
            out.add(new Planned(payload, items.size(), jsonBytes, compressed));
            return;
        }
        if (items.size() == 1) {
            throw new RunFailedException("the series " + items.get(0).getMetric() + " compresses to "
                    + compressed + " bytes, more than one DataDog request may carry ("
                    + compression.maxCompressedBytes() + "); are its tags sensible?");
        }
        int parts = (int) Math.min(items.size(), Math.max(2, ceilDiv(compressed, compression.maxCompressedBytes())));
        for (List<MetricSeries> part : evenly(items, parts)) {
            fitCompressed(part, envelopedBytes(part), out);
        }
    }

    /** Cuts {@code items} into {@code parts} non-empty runs of roughly equal JSON size. */
    private List<List<MetricSeries>> evenly(List<MetricSeries> items, int parts) {
        long[] sizes = items.stream().mapToLong(this::jsonBytes).toArray();
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        List<List<MetricSeries>> runs = new ArrayList<>(parts);
        int start = 0;
        long cumulative = 0;
        for (int part = 1; part < parts; part++) {
            long boundary = total * part / parts;
            int end = start + 1;
            cumulative += sizes[start];
            int lastEndAllowed = items.size() - (parts - part); // leave one item for each later run
            while (end < lastEndAllowed && cumulative + sizes[end] <= boundary) {
                cumulative += sizes[end];
                end++;
            }
            runs.add(items.subList(start, end));
            start = end;
        }
        runs.add(items.subList(start, items.size()));
        return runs;
    }

    private long envelopedBytes(List<MetricSeries> items) {
        long bytes = ENVELOPE_BYTES + (long) SEPARATOR_BYTES * (items.size() - 1);
        for (MetricSeries s : items) {
            bytes += jsonBytes(s);
        }
        return bytes;
    }

    long jsonBytes(MetricSeries series) {
        try {
            return mapper.writeValueAsBytes(series).length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a DataDog series", e);
        }
    }

    private long serialisedBytes(MetricPayload payload) {
        CountingOutputStream counter = new CountingOutputStream();
        try {
            mapper.writeValue(counter, payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a DataDog payload", e);
        }
        return counter.count;
    }

    /** The body's size after the same compression the client applies. */
    long compressedBytes(MetricPayload payload) {
        CountingOutputStream counter = new CountingOutputStream();
        try (OutputStream out = compression.compressing(counter)) {
            mapper.writeValue(out, payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure a compressed DataDog payload", e);
        }
        return counter.count;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static final class CountingOutputStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
