package io.github.twitterstats.adapter.out.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.adapter.out.x.XClient.MalformedResponseException;
import java.util.Locale;
import java.util.Optional;

/** Reading X API v2 bodies, the same way for every endpoint. */
final class XJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private XJson() {
    }

    /**
     * Loads and runs databind's tree reading once (the mapper, its node deserialisers), so the first answer
     * does not pay for it: called while the first requests are in flight.
     */
    static void prepare() {
        try {
            MAPPER.readTree("{\"data\":[{\"id\":\"0\",\"public_metrics\":{\"followers_count\":0}}],\"errors\":[]}");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a constant JSON document did not parse", e);
        }
    }

    /**
     * A 200's body as X documents every v2 answer: a JSON object whose {@code data} and
     * {@code errors} members are each an array, or absent (or null).
     */
    static JsonNode envelope(String body) throws MalformedResponseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("X answered 200 with a body that is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException("X answered 200 with a body that is not a JSON object");
        }
        JsonNode data = root.path("data");
        JsonNode errors = root.path("errors");
        if (!data.isMissingNode() && !data.isNull() && !data.isArray()) {
            throw new MalformedResponseException("X answered 200 with a 'data' member that is not an array");
        }
        if (!errors.isMissingNode() && !errors.isNull() && !errors.isArray()) {
            throw new MalformedResponseException("X answered 200 with an 'errors' member that is not an array");
        }
        return root;
    }

    /** A scalar member as text; absent, null, an object or an array is null. */
    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    static String lower(String s) {
        return Optional.ofNullable(s).orElse("").toLowerCase(Locale.ROOT);
    }
}
