package io.github.twitterstats.adapter.out.datadog;

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
    GZIP("gzip"),
    /** The zlib format ({@code Content-Encoding: deflate}). */
    DEFLATE("deflate"),
    /** No Content-Encoding: the body on the wire is the JSON, so 512,000 bytes is its limit. */
    NONE(null);

    /** Bytes on the wire per request. */
    static final long MAX_WIRE_BYTES = 512_000;
    /** Decompressed bytes per request: "less than" 5,242,880. */
    static final long MAX_DECOMPRESSED_BYTES = 5_242_880 - 1;
    /**
     * Kept free under each limit. Sizes are measured on the very bytes sent, so they are exact; the
     * margin only guards against a proxy re-encoding the body slightly.
     */
    static final long SAFETY_MARGIN_BYTES = 4_096;

    private final String contentEncoding;

    Compression(String contentEncoding) {
        this.contentEncoding = contentEncoding;
    }

    /** The {@code Content-Encoding} header's value, or null for none. */
    String contentEncoding() {
        return contentEncoding;
    }

    boolean compresses() {
        return contentEncoding != null;
    }

    /** The most JSON bytes one request may carry. */
    long maxJsonBytes() {
        return (compresses() ? MAX_DECOMPRESSED_BYTES : MAX_WIRE_BYTES) - SAFETY_MARGIN_BYTES;
    }

    /** The most bytes one request may put on the wire. */
    long maxWireBytes() {
        return MAX_WIRE_BYTES - SAFETY_MARGIN_BYTES;
    }

    /** Wraps {@code out} in this encoding's compressor. */
    OutputStream compressing(OutputStream out) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPOutputStream(out, 8192);
            case DEFLATE -> new DeflaterOutputStream(out);
            case NONE -> out;
        };
    }
}
