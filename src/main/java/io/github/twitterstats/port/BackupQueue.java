package io.github.twitterstats.port;

import io.github.twitterstats.domain.BackupJob;
import java.util.List;

/** Where the scheduler hands work to the workers (SQS): one message per account and day. */
public interface BackupQueue {

    /**
     * Enqueues every job and returns how many requests that took. Throws
     * {@link io.github.twitterstats.domain.RunFailedException} when some job could not be
     * enqueued after bounded retries, naming how many.
     */
    int enqueue(List<BackupJob> jobs);
}
