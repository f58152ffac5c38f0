package io.github.twitterstats.adapter.out.datadog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.support.SizeBoundedBatcher;
import io.github.twitterstats.support.SizeBoundedBatcher.OversizedItemException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The v2 series payload ({@code {"series":[{"metric":..,"points":[{"timestamp":..,"value":..}],"tags":[..],"type":3}]}},
 * byte for byte what datadog-api-client's {@code MetricPayload} model serialises to), cut into as few
 * request bodies as the intake's limits allow. Each series is written once, with Jackson's streaming
 * generator; a body is its series joined in the envelope, then compressed, so every size is measured
 * on the very bytes sent.
 */
final class SeriesPayload {

    /** {@code {"series":[} and {@code ]}} around the comma-separated series. */
    static final int ENVELOPE_BYTES = "{\"series\":[]}".length();
    static final int SEPARATOR_BYTES = 1;
    /** DataDog's intake type for a gauge. */
    private static final int GAUGE = 3;
    private static final byte[] OPEN = "{\"series\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** One request: its body as sent, how many series, its JSON size and, when compressed, its compressed size. */
    record Body(byte[] wire, int seriesCount, long jsonBytes, long compressedBytes) { }

    /**
     * No separator between root values: one generator writes every series, each copied out on its own. Made on the
     * first payload, not with the sink: a cold run builds its sink before its first X request, and Jackson's
     * factory (its classes and symbol tables) can load while X answers.
     */
    private static final class Factory {
        static final JsonFactory JSON = new JsonFactory().setRootValueSeparator(null);
    }
    private final Compression compression;
    private final SizeBoundedBatcher batcher;

    SeriesPayload(Compression compression) {
        this.compression = compression;
        this.batcher = new SizeBoundedBatcher(compression.maxJsonBytes(), ENVELOPE_BYTES, SEPARATOR_BYTES);
    }

    Compression compression() {
        return compression;
    }

    /** The request bodies for these gauges, in order; every gauge is in exactly one, in its order. */
    List<Body> plan(List<Gauge> gauges) {
        List<Series> series = serialise(gauges);
        List<SizeBoundedBatcher.Batch<Series>> byJsonSize;
        try {
            byJsonSize = batcher.split(series, s -> s.json().length);
        } catch (OversizedItemException e) {
            throw new RunFailedException("the series " + series.get(e.index()).metric() + " is "
                    + e.itemBytes() + " bytes of JSON, more than one DataDog request may carry ("
                    + e.roomBytes() + "); are its tags sensible?");
        }
        List<Body> bodies = new ArrayList<>();
        for (SizeBoundedBatcher.Batch<Series> batch : byJsonSize) {
            fitOnTheWire(batch.items(), bodies);
        }
        return bodies;
    }

    /** One series as the model writes it: metric, points, tags (only when there are some), type. */
    private record Series(String metric, byte[] json) { }

    /**
     * Every gauge's series, written by one generator into one buffer that each series is copied out
     * of (at 50,000 series a generator and a growing buffer apiece were ~35 MB of garbage).
     */
    private List<Series> serialise(List<Gauge> gauges) {
        List<Series> series = new ArrayList<>(gauges.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = Factory.JSON.createGenerator(out)) {
            for (Gauge gauge : gauges) {
                write(g, gauge);
                g.flush();
                series.add(new Series(gauge.metric(), out.toByteArray()));
                out.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a DataDog series", e);
        }
        return series;
    }

    private static void write(JsonGenerator g, Gauge gauge) throws IOException {
        g.writeStartObject();
        g.writeStringField("metric", gauge.metric());
        g.writeArrayFieldStart("points");
        g.writeStartObject();
        g.writeNumberField("timestamp", gauge.timestamp().getEpochSecond());
        g.writeNumberField("value", gauge.value());
        g.writeEndObject();
        g.writeEndArray();
        if (!gauge.tags().isEmpty()) {
            g.writeArrayFieldStart("tags");
            for (String tag : gauge.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
        }
        g.writeNumberField("type", GAUGE);
        g.writeEndObject();
    }

    /**
     * Adds {@code items} as one body when its compressed form fits on the wire, else cuts it into as
     * many parts as the compressed size says it needs (poorly compressible tags) and checks each again.
     */
    private void fitOnTheWire(List<Series> items, List<Body> out) {
        byte[] jsonBody = join(items);
        byte[] wire = encode(jsonBody);
        if (wire.length <= compression.maxWireBytes()) {
            out.add(new Body(wire, items.size(), jsonBody.length, compression.compresses() ? wire.length : -1));
            return;
        }
        if (items.size() == 1) {
            throw new RunFailedException("the series " + items.get(0).metric() + " compresses to "
                    + wire.length + " bytes, more than one DataDog request may carry ("
                    + compression.maxWireBytes() + "); are its tags sensible?");
        }
        int parts = (int) Math.min(items.size(), Math.max(2, ceilDiv(wire.length, compression.maxWireBytes())));
        for (List<Series> part : evenly(items, parts)) {
            fitOnTheWire(part, out);
        }
    }

    private static byte[] join(List<Series> items) {
        long size = ENVELOPE_BYTES + (long) SEPARATOR_BYTES * (items.size() - 1);
        for (Series s : items) {
            size += s.json().length;
        }
        byte[] body = new byte[Math.toIntExact(size)];   // exactly sized: no second copy of a body of megabytes
        System.arraycopy(OPEN, 0, body, 0, OPEN.length);
        int at = OPEN.length;
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            byte[] json = items.get(i).json();
            System.arraycopy(json, 0, body, at, json.length);
            at += json.length;
        }
        System.arraycopy(CLOSE, 0, body, at, CLOSE.length);
        return body;
    }

    private byte[] encode(byte[] jsonBody) {
        if (!compression.compresses()) {
            return jsonBody;
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream(Math.max(64, jsonBody.length / 8));
        try (OutputStream out = compression.compressing(wire)) {
            out.write(jsonBody);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress a DataDog payload", e);
        }
        return wire.toByteArray();
    }

    /** Cuts {@code items} into {@code parts} non-empty runs of roughly equal JSON size. */
    private static List<List<Series>> evenly(List<Series> items, int parts) {
        long total = 0;
        for (Series s : items) {
            total += s.json().length;
        }
        List<List<Series>> runs = new ArrayList<>(parts);
        int start = 0;
        long cumulative = 0;
        for (int part = 1; part < parts; part++) {
            long boundary = total * part / parts;
            int end = start + 1;
            cumulative += items.get(start).json().length;
            int lastEndAllowed = items.size() - (parts - part); // leave one item for each later run
            while (end < lastEndAllowed && cumulative + items.get(end).json().length <= boundary) {
                cumulative += items.get(end).json().length;
                end++;
            }
            runs.add(items.subList(start, end));
            start = end;
        }
        runs.add(items.subList(start, items.size()));
        return runs;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
