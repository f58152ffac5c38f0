package io.github.twitterstats.adapter.in.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.twitterstats.adapter.out.aws.BackupJobMessage;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.testing.BackupWorld;
import io.github.twitterstats.testing.LambdaEvents;
import io.github.twitterstats.testing.LambdaSqsPoller;
import io.github.twitterstats.testing.RecordingLog;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class BackupWorkerHandlerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private static final Context CONTEXT = LambdaEvents.context("twitter-stats-backup-worker", Duration.ofMinutes(10));
    private static BackupWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = new BackupWorld();
        world.x.addAccount("jack", "12").postsOn(DAY, 230);
        world.x.addAccount("biz", "13").postsOn(DAY, 5);
        world.x.addAccount("quiet", "14");
        world.x.addAccount("broken", "15").postsOn(DAY, 5).timelineFailsWith(503);
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    private BackupWorkerHandler worker(String prefix) {
        Map<String, String> env = world.env("unused", null);
        env.put("ARCHIVE_PREFIX", prefix);
        return new BackupWorkerHandler(new HandlerRuntime(RunLog.SILENT, Clock.systemUTC(),
                world.wiring(env, Clock.systemUTC())));
    }

    private static String send(String queueUrl, String handle, String id) {
        return world.sqs.client().sendMessage(b -> b.queueUrl(queueUrl).messageBody(BackupJobMessage.write(
                new BackupJob(new ResolvedAccount(new Handle(handle), id), DAY)))).messageId();
    }

    @Test
    void readsTheSqsEventAsLambdaDeliversIt() {
        SQSEvent event = LambdaSqsPoller.deserialize("""
                {"Records":[{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d",
                  "receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
                  "body":"{\\"handle\\":\\"Biz\\",\\"user_id\\":\\"13\\",\\"day\\":\\"2026-03-07\\"}",
                  "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183",
                    "SenderId":"AIDAIENQZJOLO23YVJ4VO","ApproximateFirstReceiveTimestamp":"1545082649185"},
                  "messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
                  "eventSourceARN":"arn:aws:sqs:us-east-2:123456789012:my-queue","awsRegion":"us-east-2"}]}""");

        SQSBatchResponse response = worker("event/").handleRequest(event, CONTEXT);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(world.s3.keys(BackupWorld.BUCKET)).contains(
                "event/posts/account=biz/year=2026/month=03/day=07/biz-2026-03-07.jsonl.gz");
    }

    @Test
    void oneFailingAccountIsTheOnlyMessageReportedAndTheOthersAreStored() {
        String queue = world.sqs.createQueue("batch", 30);
        send(queue, "JACK", "12");
        send(queue, "biz", "13");
        String broken = send(queue, "broken", "15");
        send(queue, "quiet", "14");

        Set<String> failed = LambdaSqsPoller.pollOnce(world.sqs, queue, e -> worker("batch/").handleRequest(e, CONTEXT));

        assertThat(failed).containsExactly(broken);
        assertThat(world.s3.keys(BackupWorld.BUCKET)).filteredOn(k -> k.startsWith("batch/")).containsExactlyInAnyOrder(
                "batch/posts/account=jack/year=2026/month=03/day=07/jack-2026-03-07.jsonl.gz",
                "batch/posts/account=biz/year=2026/month=03/day=07/biz-2026-03-07.jsonl.gz");
    }

    @Test
    void aMessageThatKeepsFailingEndsInTheDeadLetterQueueAfterThreeReceives() throws InterruptedException {
        String dlq = world.sqs.createQueue("backup-dlq", 30);
        String queue = world.sqs.createQueueWithDeadLetters("backup-redrive", 1, dlq, 3);
        String broken = send(queue, "broken", "15");
        BackupWorkerHandler worker = worker("dlq/");

        int invocations = 0;
        for (int poll = 0; poll < 8 && world.sqs.approximateCount(dlq) == 0; poll++) {
            if (LambdaSqsPoller.pollOnce(world.sqs, queue, e -> worker.handleRequest(e, CONTEXT)) != null) {
                invocations++;
            }
            Thread.sleep(1_100);   // the visibility timeout, after which SQS delivers the message again
        }

        assertThat(invocations).isEqualTo(3);
        List<Message> dead = world.sqs.receive(dlq, 1);
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(broken);
            assertThat(BackupJobMessage.read(m.body()).handle().value()).isEqualTo("broken");
        });
    }

    @Test
    void aMessageThatIsNotABackupJobIsReportedSoItReachesTheDeadLetterQueue() {
        SQSEvent event = LambdaSqsPoller.deserialize("""
                {"Records":[{"messageId":"m-1","receiptHandle":"r","body":"hello","attributes":{},
                  "messageAttributes":{},"eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:1:q",
                  "awsRegion":"us-east-1"}]}""");

        SQSBatchResponse response = worker("junk/").handleRequest(event, CONTEXT);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-1");
    }

    @Test
    void aConfigurationErrorFailsTheInvocationAndLeavesAnErrorLineLikeTheOtherHandlers() {
        Map<String, String> env = world.env("unused", null);
        env.remove("ARCHIVE_BUCKET");
        RecordingLog log = new RecordingLog();
        BackupWorkerHandler handler = new BackupWorkerHandler(new HandlerRuntime(log, Clock.systemUTC(),
                world.wiring(env, Clock.systemUTC())));
        SQSEvent event = new SQSEvent();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody("{}");
        event.setRecords(List.of(message));

        assertThatThrownBy(() -> handler.handleRequest(event, CONTEXT))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ARCHIVE_BUCKET");
        assertThat(log.events(RunLog.Level.ERROR)).singleElement().satisfies(line -> {
            assertThat(line.fields().get("detail").toString()).contains("ARCHIVE_BUCKET");
            assertThat(line.fields().get("event_id")).isEqualTo("m-1");
        });
    }
}
