package io.github.twitterstats.adapter.out.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.port.RunLog.Level;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleRunLogTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ConsoleRunLog log = new ConsoleRunLog(new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void writesWarningsAsOneReadableLine() {
        log.event(Level.WARN, "retrying X request", Map.of("status", 503));

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("twitter-stats: warn: retrying X request (status=503)" + System.lineSeparator());
    }

    @Test
    void keepsDebugDetailOffThePersonsTerminal() {
        log.event(Level.DEBUG, "datadog series request", Map.of("batch", 1));

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
