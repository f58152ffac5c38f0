package io.github.twitterstats.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a metrics sink did with gauges. The spool needs to know exactly which gauges DataDog took:
 * those leave the spool, and so do those the sink dropped unsent ({@link #dropped()}: expired or
 * refused, see {@link IntakeWindow}); the undelivered stay for the next run.
 */
public sealed interface SendResult permits SendResult.Delivered, SendResult.Undelivered {

    /** Requests made and series DataDog accepted. */
    Delivery delivery();

    /** Gauges the sink did not send because DataDog would not ingest them. */
    Dropped dropped();

    /** How many gauges were dropped as too old. */
    default int expired() {
        return dropped().expiredCount();
    }

    /** Every gauge that could be sent was accepted. */
    record Delivered(Delivery delivery, Dropped dropped) implements SendResult {
        public Delivered {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(dropped, "dropped");
        }
    }

    /**
     * DataDog could not be reached, or kept answering 5xx/408/429, after the bounded retries.
     * {@code undelivered} are the gauges it did not take (those of the failed request and of every
     * request not tried after it), in their original order; {@code delivery} counts what did land
     * before. {@code problem} says what went wrong, for the log and the run's failure message.
     */
    record Undelivered(Delivery delivery, Dropped dropped, List<Gauge> undelivered, String problem)
            implements SendResult {
        public Undelivered {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(dropped, "dropped");
            undelivered = List.copyOf(undelivered);
            Objects.requireNonNull(problem, "problem");
        }
    }
}
