package io.github.twitterstats.adapter.out.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.v1.model.Dashboard;
import com.datadog.api.client.v1.model.DashboardLayoutType;
import com.datadog.api.client.v1.model.DashboardSummary;
import com.datadog.api.client.v1.model.DashboardSummaryDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DatadogDashboards reads and writes datadog-api-client's models with its own mapper, set up as the
 * client's: what it writes and reads is what the client's own ApiClient (Jersey stack and all, on the
 * test class path only) writes and reads.
 */
class DashboardModelMapperTest {

    private static final ObjectMapper CLIENT = new ApiClient().getJSON().getMapper();
    private static final ObjectMapper OURS = DatadogDashboards.modelMapper();

    @Test
    void theCommittedDefinitionIsWrittenByteForByteAsTheClientWritesIt() throws Exception {
        String definition = DatadogDashboards.definitionJson("social.x");

        assertThat(OURS.writeValueAsString(OURS.readValue(definition, Dashboard.class)))
                .isEqualTo(CLIENT.writeValueAsString(CLIENT.readValue(definition, Dashboard.class)));
    }

    @Test
    void anAnswerWithDatesNullsAndEnumsIsReadAndWrittenAsTheClientDoes() throws Exception {
        String json = "{\"id\":\"abc-def-ghi\",\"title\":\"X accounts\",\"description\":null,"
                + "\"layout_type\":\"ordered\",\"widgets\":[],\"url\":\"/dashboard/abc-def-ghi/x-accounts\","
                + "\"created_at\":\"2026-11-30T23:59:58.123Z\",\"modified_at\":\"2026-12-01T00:00:00Z\","
                + "\"not_in_the_model\":1}";
        DashboardSummary list = new DashboardSummary().dashboards(List.of(new DashboardSummaryDefinition()
                .id("abc-def-ghi").description("[marker]").layoutType(DashboardLayoutType.FREE)
                .createdAt(OffsetDateTime.of(2026, 11, 30, 1, 2, 3, 0, ZoneOffset.UTC))));

        assertThat(OURS.writeValueAsString(OURS.readValue(json, Dashboard.class)))
                .isEqualTo(CLIENT.writeValueAsString(CLIENT.readValue(json, Dashboard.class)));
        assertThat(OURS.writeValueAsString(list)).isEqualTo(CLIENT.writeValueAsString(list));
        assertThat(OURS.readValue(CLIENT.writeValueAsString(list), DashboardSummary.class)).isEqualTo(list);
    }
}
