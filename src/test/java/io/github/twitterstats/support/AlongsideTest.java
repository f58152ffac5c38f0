package io.github.twitterstats.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Two pieces of work at once, both always run to their end, failures in a fixed order. */
class AlongsideTest {

    @Test
    void returnsWhatEachReturned() {
        Alongside.Both<String, Integer> both = Alongside.run("test-background", () -> "theirs", () -> 42);

        assertThat(both.background()).isEqualTo("theirs");
        assertThat(both.here()).isEqualTo(42);
    }

    @Test
    void theTwoRunAtTheSameTimeTheBackgroundOnAThreadOfItsOwn() {
        CountDownLatch backgroundStarted = new CountDownLatch(1);
        AtomicReference<String> backgroundThread = new AtomicReference<>();

        Alongside.Both<Boolean, Boolean> both = Alongside.run("test-background", () -> {
            backgroundThread.set(Thread.currentThread().getName());
            backgroundStarted.countDown();
            return true;
        }, () -> await(backgroundStarted));   // one after the other, this would wait in vain

        assertThat(both.here()).isTrue();
        assertThat(backgroundThread.get()).isEqualTo("test-background").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aFailureHereStillWaitsForTheBackgroundToFinish() {
        AtomicBoolean backgroundFinished = new AtomicBoolean();
        CountDownLatch hereFailed = new CountDownLatch(1);

        assertThatThrownBy(() -> Alongside.run("test-background", () -> {
            await(hereFailed);
            backgroundFinished.set(true);
            return "late";
        }, () -> {
            hereFailed.countDown();
            throw new IllegalStateException("here failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("here failed");

        assertThat(backgroundFinished).isTrue();
    }

    @Test
    void aFailureInTheBackgroundIsThrownOnceTheCallingThreadsWorkIsDone() {
        AtomicBoolean hereFinished = new AtomicBoolean();

        assertThatThrownBy(() -> Alongside.run("test-background", () -> {
            throw new IllegalArgumentException("background failed");
        }, () -> {
            hereFinished.set(true);
            return "done";
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("background failed");

        assertThat(hereFinished).isTrue();
    }

    @Test
    void whenBothFailTheBackgroundsFailureIsThrownWithTheOtherSuppressed() {
        assertThatThrownBy(() -> Alongside.run("test-background", () -> {
            throw new IllegalArgumentException("background failed");
        }, () -> {
            throw new IllegalStateException("here failed");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("background failed")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(IllegalStateException.class).hasFieldOrPropertyWithValue("message", "here failed"));
    }

    @Test
    void anErrorInTheBackgroundIsThrownAsItself() {
        assertThatThrownBy(() -> Alongside.run("test-background", () -> {
            throw new AssertionError("broken");
        }, () -> "fine")).isInstanceOf(AssertionError.class).hasMessage("broken");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
