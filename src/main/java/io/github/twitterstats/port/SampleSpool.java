package io.github.twitterstats.port;

import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.SpooledBatch;
import java.util.List;

/**
 * Durable storage for gauges DataDog has not taken yet (a local directory for the CLI, an S3
 * prefix for the Lambda). Each batch is written whole or not at all: a process that dies during a
 * write leaves the spool as it was before, never a half-written batch.
 */
public interface SampleSpool {

    /** Every batch waiting, oldest first. */
    List<SpooledBatch> pending();

    /** Keeps {@code gauges} as a new batch; durable once this returns. */
    SpooledBatch add(List<Gauge> gauges);

    /** Replaces the batch's gauges with {@code remaining} in one atomic step; an empty list removes it. */
    void replace(String id, List<Gauge> remaining);

    /** Removes the batch (DataDog took it); removing a batch that is already gone is not an error. */
    default void remove(String id) {
        replace(id, List.of());
    }

    /** Where the batches are, for log lines (never a secret). */
    String describe();
}
