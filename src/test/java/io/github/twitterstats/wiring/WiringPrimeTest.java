package io.github.twitterstats.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.domain.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WiringPrimeTest {

    @Test
    void primingMakesAWholeMetricsRunInsideTheProcess() {
        RunSummary summary = Wiring.prime().orElseThrow();

        assertThat(summary.accountsOk()).isEqualTo(100);
        assertThat(summary.accountsFailed()).isZero();
        assertThat(summary.xRequests()).isEqualTo(1);
        assertThat(summary.datadogRequests()).isEqualTo(1);
        assertThat(summary.seriesSent()).isPositive();
        assertThat(summary.spooled()).isZero();
    }

    @Test
    void primingTakesTheDeployedFunctionsPathSecretsTheSsmListAndTheS3SpoolAllAnsweredInsideTheProcess()
            throws IOException {
        try (Priming.Peer peer = Priming.Peer.start()) {
            RunSummary summary = Priming.deployed(peer).orElseThrow();

            assertThat(summary.accountsOk()).isEqualTo(100);
            assertThat(summary.datadogRequests()).isEqualTo(1);
            assertThat(summary.spooled()).isZero();
        }
    }

    @Test
    void primingLeavesNeitherItsSpoolDirectoryNorItsServerBehind(@TempDir Path scratch) throws IOException {
        Wiring.prime(scratch).orElseThrow();

        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).isEmpty();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("HTTP-Dispatcher"));
    }
}
