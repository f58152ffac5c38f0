package io.github.twitterstats.adapter.out.x;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.twitterstats.adapter.out.x.XClient.MalformedResponseException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reading X API v2 bodies, the same way for every endpoint: with Jackson jr, as plain maps, lists, strings, numbers
 * and booleans (a JSON null is a Java null), which spares a cold run databind's set-up. A member named twice keeps
 * its last value, as databind's tree does.
 */
final class XJson {

    private static final JSON JSON_TREES = JSON.builder()
            .disable(JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
            .enable(JSON.Feature.WRITE_NULL_PROPERTIES)
            .build();

    private XJson() {
    }

    /**
     * Loads and runs the reading once, so the first answer does not pay for it: called while the first requests are
     * in flight.
     */
    static void prepare() {
        try {
            JSON_TREES.anyFrom("{\"data\":[{\"id\":\"0\",\"public_metrics\":{\"followers_count\":0}}],\"errors\":[]}");
        } catch (IOException e) {
            throw new IllegalStateException("a constant JSON document did not parse", e);
        }
    }

    /**
     * A 200's body as X documents every v2 answer: a JSON object whose {@code data} and
     * {@code errors} members are each an array, or absent (or null).
     */
    static Map<String, Object> envelope(String body) throws MalformedResponseException {
        Object root;
        try {
            // an empty body is no document (databind's "missing node"), not a syntax error
            root = body == null || body.isBlank() ? null : JSON_TREES.anyFrom(body);
        } catch (IOException e) {
            throw new MalformedResponseException("X answered 200 with a body that is not JSON");
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new MalformedResponseException("X answered 200 with a body that is not a JSON object");
        }
        Map<String, Object> object = object(root);
        Object data = object.get("data");
        Object errors = object.get("errors");
        if (data != null && !(data instanceof List<?>)) {
            throw new MalformedResponseException("X answered 200 with a 'data' member that is not an array");
        }
        if (errors != null && !(errors instanceof List<?>)) {
            throw new MalformedResponseException("X answered 200 with an 'errors' member that is not an array");
        }
        return object;
    }

    /** The member {@code name} of {@code node} when that is an array, else null (absent, null or not an array). */
    static List<?> array(Object node, String name) {
        return member(node, name) instanceof List<?> list ? list : null;
    }

    /** The elements of the array member {@code name}; none when it is absent, null or not an array. */
    static List<?> elements(Object node, String name) {
        List<?> list = array(node, name);
        return list == null ? List.of() : list;
    }

    /** {@code value} when it is a JSON object, else null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    /** The member {@code name} of {@code node}; null when {@code node} is not an object or has no such member. */
    static Object member(Object node, String name) {
        Map<String, Object> object = object(node);
        return object == null ? null : object.get(name);
    }

    /** A scalar member as text (a number or boolean as written); absent, null, an object or an array is null. */
    static String text(Object node, String name) {
        Object value = member(node, name);
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
    }

    /** {@code value} written back as one line of JSON (member order kept, nulls written). */
    static String write(Object value) throws IOException {
        return JSON_TREES.asString(value);
    }

    static String lower(String s) {
        return Optional.ofNullable(s).orElse("").toLowerCase(Locale.ROOT);
    }
}
