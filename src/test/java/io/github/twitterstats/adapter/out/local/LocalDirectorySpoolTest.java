package io.github.twitterstats.adapter.out.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.domain.SpooledBatch;
import io.github.twitterstats.testing.SampleSpoolContract;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.SampleSpool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectorySpoolTest extends SampleSpoolContract {

    @TempDir
    Path home;

    private Path directory() {
        return home.resolve(".twitter-stats/spool");
    }

    @Override
    protected SampleSpool spool() {
        return new LocalDirectorySpool(directory(), clock, RunLog.SILENT);
    }

    @Override
    protected SampleSpool reopened() {
        return new LocalDirectorySpool(directory(), clock, RunLog.SILENT);
    }

    @Test
    void theDirectoryIsCreatedOnFirstWriteAndEachBatchIsOneReadableJsonFile() throws Exception {
        assertThat(directory()).doesNotExist();

        SpooledBatch batch = spool().add(List.of(gauge("twitter.followers_count", 7, clock.instant(), "account:nasa")));

        try (var files = Files.list(directory())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(batch.id() + ".json");
        }
        assertThat(Files.readString(directory().resolve(batch.id() + ".json")))
                .contains("\"metric\":\"twitter.followers_count\"").contains("\"timestamp\":\"2026-11-22T10:00:00Z\"");
    }

    @Test
    void aWriteCutShortByADyingProcessLeavesOnlyAHiddenTempFileThatIsIgnoredThenCleanedUp() throws Exception {
        SpooledBatch kept = spool().add(List.of(gauge("m.one", 1, clock.instant())));
        // what a process killed between write and rename leaves: a partial temporary file
        Path partial = directory().resolve(".0000001764000000000-deadbeef.json.tmp");
        Files.writeString(partial, "{\"format\":1,\"gauges\":[{\"metric\":\"m.t");

        assertThat(spool().pending()).containsExactly(kept);
        assertThat(partial).exists(); // young: it might belong to a live writer

        Files.setLastModifiedTime(partial, FileTime.from(clock.instant().minus(Duration.ofMinutes(11))));
        spool().pending();
        assertThat(partial).doesNotExist();
    }

    @Test
    void anUnreadableFileIsSkippedNotFatalAndLeftForAPerson() throws Exception {
        SpooledBatch kept = spool().add(List.of(gauge("m.one", 1, clock.instant())));
        Path corrupt = directory().resolve("0000000000000001-00000000.json");
        Files.writeString(corrupt, "not json");

        assertThat(spool().pending()).containsExactly(kept);
        assertThat(corrupt).exists();
    }
}
