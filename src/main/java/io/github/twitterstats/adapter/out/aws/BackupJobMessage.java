package io.github.twitterstats.adapter.out.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.ResolvedAccount;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The queue message of one backup job, written by the scheduler and read by the worker:
 * {@code {"handle":"Jack","user_id":"12","day":"2026-03-07"}}. Small, flat, and readable in the
 * console when a message lands in the dead-letter queue.
 */
public final class BackupJobMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BackupJobMessage() {
    }

    public static String write(BackupJob job) {
        ObjectNode node = JSON.createObjectNode();
        node.put("handle", job.handle().value());
        node.put("user_id", job.account().userId());
        node.put("day", job.day().toString());
        return node.toString();
    }

    /** Throws {@link IllegalArgumentException} naming what is wrong with a message we did not write. */
    public static BackupJob read(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a backup message is a JSON object");
            }
            return new BackupJob(new ResolvedAccount(new Handle(text(node, "handle")), text(node, "user_id")),
                    LocalDate.parse(text(node, "day")));
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a backup message: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("a backup message needs the text field '" + field + "'");
        }
        return value.asText();
    }
}
