package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.adapter.out.format.JsonTrees;
import io.github.twitterstats.adapter.out.x.XClient.MalformedResponseException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reading X API v2 bodies, the same way for every endpoint, as {@link JsonTrees}. */
final class XJson {

    private XJson() {
    }

    /**
     * Loads and runs the reading once, so the first answer does not pay for it: called while the first requests are
     * in flight.
     */
    static void prepare() {
        try {
            JsonTrees.read("{\"data\":[{\"id\":\"0\",\"public_metrics\":{\"followers_count\":0}}],\"errors\":[]}");
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
            root = JsonTrees.read(body);
        } catch (IOException e) {
            throw new MalformedResponseException("X answered 200 with a body that is not JSON");
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new MalformedResponseException("X answered 200 with a body that is not a JSON object");
        }
        Map<String, Object> object = JsonTrees.object(root);
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
        return JsonTrees.member(node, name) instanceof List<?> list ? list : null;
    }

    /** The elements of the array member {@code name}; none when it is absent, null or not an array. */
    static List<?> elements(Object node, String name) {
        List<?> list = array(node, name);
        return list == null ? List.of() : list;
    }

    static String lower(String s) {
        return Optional.ofNullable(s).orElse("").toLowerCase(Locale.ROOT);
    }
}
