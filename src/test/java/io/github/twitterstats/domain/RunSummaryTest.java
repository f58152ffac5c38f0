package io.github.twitterstats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void mapsToTheContractsFieldNamesInOrder() {
        RunSummary summary = new RunSummary(250, 246, 4,
                List.of(new AccountFailure("nosuchuser123", FailureReason.NOT_FOUND, "Could not find user")),
                3, 2, 5, 1, 1478, 12, 7, 2, 1, 412);

        Map<String, Object> map = summary.toMap();

        assertThat(map).containsExactly(
                Map.entry("accounts_requested", 250), Map.entry("accounts_ok", 246), Map.entry("accounts_failed", 4),
                Map.entry("failures", List.of(Map.of("account", "nosuchuser123", "reason", "not_found"))),
                Map.entry("x_requests", 3), Map.entry("bluesky_requests", 2), Map.entry("mastodon_requests", 5),
                Map.entry("datadog_requests", 1), Map.entry("series_sent", 1478),
                Map.entry("spooled", 12), Map.entry("resent", 7), Map.entry("expired", 2),
                Map.entry("refused", 1), Map.entry("duration_ms", 412L));
    }
}
