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
}
