package io.github.twitterstats.adapter.out.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What DataDog said, made fit for a log line or an exception message: the {@code errors} list of its
 * documented error body (else the body itself), cut to a readable length, and never a key, even if a
 * server or proxy echoes one back.
 */
final class ErrorText {

    private static final int MAX_LENGTH = 500;
    /** Built on the first error body read: a run without errors never builds it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final List<String> secrets;

    /** {@code secrets}: the values to hide (the API key, the application key). */
    ErrorText(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }

    /** DataDog's words from an answer's body, or {@code fallback} when there is none. */
    String of(String body, String fallback) {
        String text = body != null && !body.isBlank() ? body : fallback;
        if (text == null || text.isBlank()) {
            return "no error text";
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            JsonNode errors = node == null ? null : node.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                List<String> messages = new ArrayList<>();
                errors.forEach(m -> messages.add(m.isTextual() ? m.asText() : m.toString()));
                text = String.join("; ", messages);
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        text = text.strip();
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH) + "...";
        }
        return scrub(text);
    }

    /**
     * What went wrong below HTTP: the first exception in the chain that says something, by type and
     * message ({@code ConnectException (Connection refused)}, {@code HttpTimeoutException (request timed out)}).
     */
    String ofNetworkFailure(Throwable e) {
        Throwable telling = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                telling = t;
                break;
            }
        }
        String message = telling.getMessage();
        if (message == null && telling instanceof java.net.ConnectException) {
            // the JDK 17 HTTP client drops the socket's words; a connect failure is a refusal or no route
            message = "Connection refused or unreachable";
        }
        return scrub(telling.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")"));
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, "****");
        }
        return scrubbed;
    }
}
