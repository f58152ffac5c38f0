package io.github.twitterstats.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.port.PostArchive;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.testing.InMemoryBackupPorts;
import io.github.twitterstats.testing.RecordingLog;
import io.github.twitterstats.testing.SamplePosts;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's batch: each job on its own, and only the messages worth another delivery named. */
class BackupBatchTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 7);
    private final Deadline deadline = Deadline.after(Duration.ofMinutes(1), Clock.systemUTC());
    private final InMemoryBackupPorts.Timelines timelines = new InMemoryBackupPorts.Timelines(100);
    private final InMemoryBackupPorts.Archive archive = new InMemoryBackupPorts.Archive();
    private final RecordingLog log = new RecordingLog();

    private BackupBatch batch(PostArchive into) {
        return new BackupBatch(new BackupDay(timelines, into), log, Clock.systemUTC());
    }

    private static BackupBatch.Job job(String messageId, String handle, String userId) {
        return new BackupBatch.Job(messageId, new BackupJob(new ResolvedAccount(new Handle(handle), userId), DAY));
    }

    private static Map<String, Object> fields(Map<String, ?> logged) {
        return new LinkedHashMap<>(logged);
    }

    @Test
    void storedDaysAndDaysWithoutPostsAreDoneAndOnlyAFailingReadIsAskedAgain() {
        timelines.serve("1", SamplePosts.ofDay("1", DAY, 3));
        timelines.fail("3", FailureReason.X_ERROR);

        List<String> again = batch(archive).run(List.of(job("m1", "stored", "1"), job("m2", "quiet", "2"),
                job("m3", "failing", "3")), deadline);

        assertThat(again).containsExactly("m3");
        assertThat(archive.objects).hasSize(1);
        assertThat(fields(log.fieldsOf("backup batch completed"))).containsEntry("messages", 3).containsEntry("failed", 1);
        assertThat(log.accountFailures()).extracting(AccountFailure::account).containsExactly("failing");
    }

    @Test
    void anUnknownOrSuspendedAccountIsNotAskedAgainSinceTheAnswerCannotChange() {
        timelines.fail("4", FailureReason.NOT_FOUND);
        timelines.fail("5", FailureReason.SUSPENDED);

        List<String> again = batch(archive).run(List.of(job("m4", "gone", "4"), job("m5", "banned", "5")), deadline);

        assertThat(again).isEmpty();
        assertThat(log.events(Level.WARN)).extracting(RecordingLog.Event::message)
                .containsExactly("account backup failed", "account backup failed");
    }

    @Test
    void anUnreadableMessageIsAskedAgainSoItEndsWhereItCanBeInspected() {
        List<String> again = batch(archive).run(List.of(new BackupBatch.Unreadable("m6", "not JSON")), deadline);

        assertThat(again).containsExactly("m6");
        assertThat(fields(log.fieldsOf("not a backup message"))).containsEntry("message_id", "m6").containsEntry("detail", "not JSON");
    }

    @Test
    void anArchiveThatCannotBeWrittenLeavesTheJobForAnotherDeliveryAndTheOthersGoOn() {
        timelines.serve("7", SamplePosts.ofDay("7", DAY, 2));
        timelines.serve("8", SamplePosts.ofDay("8", DAY, 2));
        PostArchive full = (Handle handle, LocalDate day, List<Post> posts) -> {
            if (handle.value().equals("first")) {
                throw new IllegalStateException("disk full");
            }
            return archive.store(handle, day, posts);
        };

        List<String> again = batch(full).run(List.of(job("m7", "first", "7"), job("m8", "second", "8")), deadline);

        assertThat(again).containsExactly("m7");
        assertThat(archive.objects).hasSize(1);
        assertThat(log.events(Level.ERROR)).singleElement()
                .satisfies(e -> assertThat(fields(e.fields())).containsEntry("message_id", "m7").containsEntry("detail", "disk full"));
    }

    @Test
    void rejectedCredentialsFailTheWholeBatchSinceEveryJobWouldFailTheSameWay() {
        BackupBatch rejected = new BackupBatch(new BackupDay((account, day, deadline) -> {
            throw new CredentialsRejectedException(Service.X, "X rejected the bearer token");
        }, archive), log, Clock.systemUTC());

        assertThatThrownBy(() -> rejected.run(List.of(job("m9", "any", "9")), deadline))
                .isInstanceOf(CredentialsRejectedException.class);
    }
}
