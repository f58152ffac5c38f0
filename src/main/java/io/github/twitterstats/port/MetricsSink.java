package io.github.twitterstats.port;

import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.SendResult;
import java.util.List;

/** Where gauges go (DataDog). */
public interface MetricsSink {

    /**
     * Delivers the gauges, retrying transient failures a bounded number of times, and says exactly
     * which ones DataDog took: {@link SendResult.Delivered}, or {@link SendResult.Undelivered} with
     * the gauges it did not take when DataDog stayed unreachable or kept failing after the
     * retries. Gauges too old for DataDog are dropped and counted, never sent. Throws
     * {@link io.github.twitterstats.domain.CredentialsRejectedException} when the key is refused
     * and {@link io.github.twitterstats.domain.RunFailedException} when DataDog refuses the
     * request itself (a 4xx other than 408/429): no later attempt could succeed then.
     */
    SendResult send(List<Gauge> gauges);
}
