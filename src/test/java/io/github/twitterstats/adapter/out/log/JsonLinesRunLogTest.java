package io.github.twitterstats.adapter.out.log;

import io.github.twitterstats.port.RunLog.Level;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesRunLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonLinesRunLog log = new JsonLinesRunLog(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    private List<JsonNode> lines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }

    @Test
    void writesOneJsonObjectPerFailedAccount() throws Exception {
        log.accountFailed(new AccountFailure("ghost", FailureReason.NOT_FOUND, "Could not find user"));

        JsonNode line = lines().get(0);
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("account").asText()).isEqualTo("ghost");
        assertThat(line.get("reason").asText()).isEqualTo("not_found");
        assertThat(line.get("detail").asText()).isEqualTo("Could not find user");
    }

    @Test
    void writesTheSummaryWithTheContractsFieldNames() throws Exception {
        log.runCompleted(new RunSummary(2, 2, 0, List.of(), 1, 0, 0, 1, 12, 40));

        JsonNode summary = lines().get(0).get("summary");
        assertThat(lines().get(0).get("level").asText()).isEqualTo("INFO");
        assertThat(summary.get("accounts_ok").asInt()).isEqualTo(2);
        assertThat(summary.get("series_sent").asInt()).isEqualTo(12);
    }

    @Test
    void eventsCarryTheirFields() throws Exception {
        log.event(Level.WARN, "retrying X request", Map.of("attempt", 2, "status", 503));

        JsonNode line = lines().get(0);
        assertThat(line.get("message").asText()).isEqualTo("retrying X request");
        assertThat(line.get("status").asInt()).isEqualTo(503);
    }

    @Test
    void aLineHasTheBytesDatabindWritesForTheSameFields() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", "quote \" backslash \\ slash / tab \t line \n control \u0001 \u00e9 \ud83d\ude80");
        fields.put("absent", null);
        fields.put("int", 7);
        fields.put("long", 1L << 40);
        fields.put("double", 0.1);
        fields.put("whole_double", 3.0);
        fields.put("not_a_number", Double.NaN);
        fields.put("flag", true);
        fields.put("list", List.of("a", 1, List.of()));
        fields.put("map", Map.of("k", "v"));

        log.event(Level.WARN, "retrying", fields);

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", "2026-11-22T10:00:00Z");
        line.put("level", "WARN");
        line.put("message", "retrying");
        line.putAll(fields);
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo(new ObjectMapper().writeValueAsString(line) + System.lineSeparator());
    }
}
