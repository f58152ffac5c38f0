package io.github.twitterstats.adapter.out.datadog;

import com.datadog.api.client.v2.model.MetricContentEncoding;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How a series request body travels, and the size limits that follow from it (DataDog API docs,
 * "Submit metrics": "The maximum payload size is 500 kilobytes (512000 bytes). Compressed payloads
 * must have a decompressed size of less than 5 megabytes (5242880 bytes)").
 */
enum Compression {
    /** What the sink uses: JSON compresses ~20x, so the decompressed limit is the one that binds. */
    GZIP(MetricContentEncoding.GZIP),
    /** The zlib format, as the client's Jersey DeflateEncoder writes it. */
    DEFLATE(MetricContentEncoding.DEFLATE),
    /** No Content-Encoding: the body on the wire is the JSON, so 512,000 bytes is its limit. */
    NONE(null);

    /** Bytes on the wire per request. */
    static final long MAX_WIRE_BYTES = 512_000;
    /** Decompressed bytes per request: "less than" 5,242,880. */
    static final long MAX_DECOMPRESSED_BYTES = 5_242_880 - 1;
    /**
     * Kept free under each limit. Sizes are measured with the client's own ObjectMapper and
     * compressor, so they are exact; the margin only guards against a future client changing its
     * serialisation slightly.
     */
    static final long SAFETY_MARGIN_BYTES = 4_096;

    private final MetricContentEncoding contentEncoding;

    Compression(MetricContentEncoding contentEncoding) {
        this.contentEncoding = contentEncoding;
    }

    /** The client's Content-Encoding value, or null for none. */
    MetricContentEncoding contentEncoding() {
        return contentEncoding;
    }

    boolean compresses() {
        return contentEncoding != null;
    }

    /** The most JSON bytes one request may carry. */
    long maxJsonBytes() {
        return (compresses() ? MAX_DECOMPRESSED_BYTES : MAX_WIRE_BYTES) - SAFETY_MARGIN_BYTES;
    }

    /** The most compressed bytes one request may carry (only meaningful when compressing). */
    long maxCompressedBytes() {
        return MAX_WIRE_BYTES - SAFETY_MARGIN_BYTES;
    }

    /**
     * Whether {@code jsonBytes} of JSON certainly compresses to no more than
     * {@link #maxCompressedBytes()}: deflate's worst case is stored blocks (5 bytes per 16 KiB at
     * most here) plus an 18-byte gzip header and trailer.
     */
    boolean certainlyFitsCompressed(long jsonBytes) {
        return jsonBytes + jsonBytes / 16_384 * 5 + 5 + 18 <= maxCompressedBytes();
    }

    /** Wraps {@code out} in the compressor the client's Jersey encoder uses for this encoding. */
    OutputStream compressing(OutputStream out) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPOutputStream(out);
            case DEFLATE -> new DeflaterOutputStream(out);
            case NONE -> out;
        };
    }
}
