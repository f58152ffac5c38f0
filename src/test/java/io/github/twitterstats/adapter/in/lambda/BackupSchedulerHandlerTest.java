package io.github.twitterstats.adapter.in.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.twitterstats.adapter.out.aws.BackupJobMessage;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.testing.BackupWorld;
import io.github.twitterstats.testing.LambdaEvents;
import io.github.twitterstats.testing.SamplePosts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class BackupSchedulerHandlerTest {

    private static BackupWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = new BackupWorld();
        world.x.addAccount("jack", "12").addPosts(SamplePosts.ofDay("12", LocalDate.of(2026, 3, 7), 1));
        world.x.addAccount("biz", "13");
        world.x.addAccount("gone").suspended();
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    /** The Scheduled Event EventBridge sends (docs example), as the Java runtime deserializes it. */
    static ScheduledEvent scheduledEvent(String time, String detail) {
        String json = """
                {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",
                 "source":"aws.events","account":"123456789012","time":"%s","region":"us-east-1",
                 "resources":["arn:aws:events:us-east-1:123456789012:rule/twitter-stats-backup"],"detail":%s}"""
                .formatted(time, detail);
        return LambdaEventSerializers.serializerFor(ScheduledEvent.class, BackupSchedulerHandlerTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void queuesOneMessagePerKnownAccountForThePreviousUtcDayOfTheSchedule() {
        String queue = world.sqs.createQueue("schedule", 30);
        Clock lateClock = Clock.fixed(Instant.parse("2026-03-09T00:05:00Z"), ZoneOffset.UTC);
        BackupSchedulerHandler handler = new BackupSchedulerHandler(new HandlerRuntime(RunLog.SILENT, lateClock,
                world.wiring(world.env("Jack;biz;gone;nosuchuser;not-valid!", queue), lateClock)));

        Map<String, Object> summary = handler.handleRequest(scheduledEvent("2026-03-08T10:00:00Z", "{}"),
                LambdaEvents.context("twitter-stats-backup-scheduler", Duration.ofSeconds(60)));

        assertThat(summary).containsEntry("date", "2026-03-07").containsEntry("accounts_requested", 5)
                .containsEntry("accounts_queued", 2).containsEntry("accounts_failed", 3)
                .containsEntry("x_requests", 1).containsEntry("queue_requests", 1);
        assertThat(summary.get("failures")).isEqualTo(List.of(
                Map.of("account", "not-valid!", "reason", "invalid_handle"),
                Map.of("account", "gone", "reason", "suspended"),
                Map.of("account", "nosuchuser", "reason", "not_found")));
        List<BackupJob> queued = new ArrayList<>();
        for (List<Message> batch = world.sqs.receive(queue, 0); !batch.isEmpty(); batch = world.sqs.receive(queue, 0)) {
            batch.forEach(m -> queued.add(BackupJobMessage.read(m.body())));
        }
        assertThat(queued).extracting(j -> j.handle().value() + "/" + j.account().userId() + "/" + j.day())
                .containsExactlyInAnyOrder("Jack/12/2026-03-07", "biz/13/2026-03-07");
    }

    @Test
    void aDateInTheEventDetailBacksUpThatDay() {
        assertThat(BackupSchedulerHandler.dayOf(scheduledEvent("2026-03-08T10:00:00Z", "{\"date\":\"2026-01-31\"}"),
                Clock.systemUTC())).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThatThrownBy(() -> BackupSchedulerHandler.dayOf(scheduledEvent("2026-03-08T10:00:00Z",
                "{\"date\":\"yesterday\"}"), Clock.systemUTC())).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void withoutAQueueTheInvocationFailsNamingTheVariable() {
        BackupSchedulerHandler handler = new BackupSchedulerHandler(new HandlerRuntime(RunLog.SILENT, Clock.systemUTC(),
                world.wiring(world.env("jack", null), Clock.systemUTC())));

        assertThatThrownBy(() -> handler.handleRequest(scheduledEvent("2026-03-08T10:00:00Z", "{}"),
                LambdaEvents.context("twitter-stats-backup-scheduler", Duration.ofSeconds(60)))).hasMessageContaining("BACKUP_QUEUE_URL");
    }

    @Test
    void theSpoolsVariablesAreNoConcernOfTheBackupFunctions() {
        String queue = world.sqs.createQueue("schedule-spool", 30);
        Map<String, String> env = world.env("jack", queue);
        env.put("SPOOL_BUCKET", "Not_A_Bucket_Name");
        BackupSchedulerHandler handler = new BackupSchedulerHandler(new HandlerRuntime(RunLog.SILENT,
                Clock.systemUTC(), world.wiring(env, Clock.systemUTC())));

        Map<String, Object> summary = handler.handleRequest(scheduledEvent("2026-03-08T10:00:00Z", "{}"),
                LambdaEvents.context("twitter-stats-backup-scheduler", Duration.ofSeconds(60)));

        assertThat(summary).containsEntry("accounts_queued", 1);
    }
}
