package io.github.twitterstats.adapter.out.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.testing.LoopbackSqs;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsBackupQueueTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private static final Backoff FAST = new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(2));
    private static LoopbackSqs sqs;

    @BeforeAll
    static void start() {
        sqs = new LoopbackSqs();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    @Test
    void sendsOneMessagePerJobTenToARequest() {
        String url = sqs.createQueue("fan-out", 30);
        List<BackupJob> jobs = IntStream.range(0, 23)
                .mapToObj(i -> new BackupJob(new ResolvedAccount(new Handle("User" + i), String.valueOf(100 + i)), DAY))
                .toList();

        int requests = new SqsBackupQueue(sqs.api(), url, FAST).enqueue(jobs);

        assertThat(requests).isEqualTo(3);
        List<BackupJob> received = new ArrayList<>();
        for (List<Message> batch = sqs.receive(url, 0); !batch.isEmpty(); batch = sqs.receive(url, 0)) {
            batch.forEach(m -> received.add(BackupJobMessage.read(m.body())));
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(jobs);
    }

    @Test
    void theMessageCarriesHandleAsTypedIdAndDay() {
        BackupJob job = new BackupJob(new ResolvedAccount(new Handle("NASA"), "11348282"), DAY);

        assertThat(BackupJobMessage.write(job)).isEqualTo("{\"handle\":\"NASA\",\"user_id\":\"11348282\",\"day\":\"2026-03-07\"}");
        assertThat(BackupJobMessage.read(BackupJobMessage.write(job))).isEqualTo(job);
    }

    @Test
    void aMessageThatIsNotABackupJobIsRefusedWithTheReason() {
        assertThatThrownBy(() -> BackupJobMessage.read("{\"handle\":\"nasa\",\"day\":\"2026-03-07\"}"))
                .hasMessageContaining("user_id");
        assertThatThrownBy(() -> BackupJobMessage.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEntriesSqsDidNotTakeAreReadFromItsAnswer() {
        // SendMessageBatch's answer as the SQS API reference shows it (JSON protocol)
        String answer = """
                {"Failed":[{"Code":"InternalError","Id":"3","Message":"try again","SenderFault":false}],
                 "Successful":[{"Id":"0","MD5OfMessageBody":"0e024d309850c78cba5eabbeff7cae71",
                                "MessageId":"fa2b6b55-ad9c-4b0b-a7b1-aa5d67a3a5a4"}]}""";

        assertThat(SqsBackupQueue.failedEntries(answer)).contains(List.of(new SqsBackupQueue.FailedEntry("3", "InternalError")));
        assertThat(SqsBackupQueue.failedEntries("{\"Successful\":[]}")).contains(List.of());
        assertThat(SqsBackupQueue.failedEntries("<html>")).isEmpty();
    }

    @Test
    void anUnreachableQueueFailsTheRunAfterRetries() {
        java.net.URI closed = java.net.URI.create("http://127.0.0.1:1");
        var unreachable = new AwsClients(new io.github.twitterstats.config.Config.AwsEndpoints(
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(closed))).sqs();
        BackupJob job = new BackupJob(new ResolvedAccount(new Handle("nasa"), "1"), DAY);

        assertThatThrownBy(() -> new SqsBackupQueue(unreachable, closed + "/000000000000/q", FAST).enqueue(List.of(job)))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("could not be queued")
                .hasMessageContaining("after 2 attempts");
    }

    @Test
    void anUnknownQueueFailsTheRunNamingTheVariable() {
        String missing = sqs.endpoint() + "/000000000000/no-such-queue";
        BackupJob job = new BackupJob(new ResolvedAccount(new Handle("nasa"), "1"), DAY);

        assertThatThrownBy(() -> new SqsBackupQueue(sqs.api(), missing, FAST).enqueue(List.of(job)))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("BACKUP_QUEUE_URL");
    }
}
