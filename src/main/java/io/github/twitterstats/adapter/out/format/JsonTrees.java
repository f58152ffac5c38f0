package io.github.twitterstats.adapter.out.format;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * JSON as plain trees, the one way the outbound adapters read a network's answer and write a log line: Jackson jr's
 * maps, lists, strings, numbers and booleans (a JSON null is a Java null), which spares a cold run databind's set-up
 * (~350 classes). A member named twice keeps its last value and nulls are written, as databind's tree did. The reader
 * is built on first use: a run that reads no JSON never builds it.
 */
public final class JsonTrees {

    private static final class Reader {
        static final JSON TREES = JSON.builder()
                .disable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
                .enable(JSON.Feature.WRITE_NULL_PROPERTIES)
                .build();
    }

    private JsonTrees() {
    }

    /** The document in {@code body}; null for a null or blank body (no document, not a syntax error). */
    public static Object read(String body) throws IOException {
        return body == null || body.isBlank() ? null : Reader.TREES.anyFrom(body);
    }

    /** {@code value} written as one line of JSON: member order kept, nulls written. */
    public static String write(Object value) throws IOException {
        return Reader.TREES.asString(value);
    }

    /** {@code value} as JSON for a message that shows what was sent; a value read by {@link #read} always writes. */
    public static String show(Object value) {
        try {
            return write(value);
        } catch (IOException e) {
            throw new IllegalStateException("a value read from JSON could not be written back", e);
        }
    }

    /** {@code value} when it is a JSON object, else null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    /** The member {@code name} of {@code node}; null when {@code node} is not an object or has no such member. */
    public static Object member(Object node, String name) {
        Map<String, Object> object = object(node);
        return object == null ? null : object.get(name);
    }

    /** A scalar member as text (a number or boolean as written); absent, null, an object or an array is null. */
    public static String text(Object node, String name) {
        Object value = member(node, name);
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
    }

    /** A value as text: a scalar as written, an object or an array as nothing. */
    public static String asText(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> ? "" : String.valueOf(value);
    }

    /**
     * The member {@code name} of {@code object} when it is a count: an integer that fits a long (the reader makes a
     * BigInteger only beyond, a fraction a Double) and is not negative; empty for anything else, absent included.
     */
    public static OptionalLong count(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(((Number) value).longValue());
    }
}
