package io.github.twitterstats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.SpooledBatch;
import io.github.twitterstats.port.SampleSpool;
import io.github.twitterstats.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every spool adapter must do, whatever it keeps batches in. */
public abstract class SampleSpoolContract {

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    protected abstract SampleSpool spool();

    protected static Gauge gauge(String metric, double value, Instant at, String... tags) {
        return new Gauge(metric, value, at, List.of(tags));
    }

    @Test
    void anEmptySpoolHasNothingPending() {
        assertThat(spool().pending()).isEmpty();
    }

    @Test
    void batchesComeBackOldestFirstWithTheirExactTimestampsValuesAndTags() {
        Instant odd = Instant.parse("2026-11-22T09:59:58.123456789Z");
        List<Gauge> first = List.of(gauge("twitter.followers_count", 1_234_567_891.0, odd, "account:nasa", "env:prod"),
                gauge("twitter.run.accounts_ok", 0.5, odd));
        SpooledBatch a = spool().add(first);
        clock.advance(Duration.ofMinutes(5));
        SpooledBatch b = spool().add(List.of(gauge("twitter.friends_count", 2, clock.instant(), "account:esa")));
        clock.advance(Duration.ofMillis(1));
        SpooledBatch c = spool().add(List.of(gauge("twitter.status_count", 3, clock.instant(), "account:esa")));

        List<SpooledBatch> pending = spool().pending();

        assertThat(pending).extracting(SpooledBatch::id).containsExactly(a.id(), b.id(), c.id());
        assertThat(pending.get(0).gauges()).containsExactlyElementsOf(first);
        assertThat(pending.get(0)).isEqualTo(a);
    }

    @Test
    void replaceKeepsOnlyTheRemainderAndAnEmptyRemainderRemovesTheBatch() {
        Gauge one = gauge("m.one", 1, clock.instant());
        Gauge two = gauge("m.two", 2, clock.instant());
        SpooledBatch batch = spool().add(List.of(one, two));

        spool().replace(batch.id(), List.of(two));
        assertThat(spool().pending()).containsExactly(new SpooledBatch(batch.id(), List.of(two)));

        spool().remove(batch.id());
        assertThat(spool().pending()).isEmpty();
        spool().remove(batch.id()); // already gone: no error
    }

    @Test
    void aNewSpoolOverTheSameStorageSeesTheBatchesItIsDurable() {
        SpooledBatch batch = spool().add(List.of(gauge("m.one", 1, clock.instant())));

        assertThat(reopened().pending()).containsExactly(batch);
    }

    /** Another instance over the same storage, as the next process would build it. */
    protected abstract SampleSpool reopened();
}
