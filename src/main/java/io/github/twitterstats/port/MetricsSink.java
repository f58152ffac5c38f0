package io.github.twitterstats.port;

import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.SendResult;
import java.util.List;

/** Where gauges go (DataDog). */
public interface MetricsSink {

    /**
     * Delivers the gauges DataDog would still ingest, retrying transient failures a bounded number
     * of times, and says exactly what became of each: {@link SendResult#dropped() dropped} unsent
     * (expired or refused, as {@link io.github.twitterstats.domain.IntakeWindow#admit} decides at
     * the moment of sending), and then {@link SendResult.Delivered} or {@link SendResult.Undelivered}
     * with the gauges DataDog did not take when it stayed unreachable or kept failing after the
     * retries (a value, not an exception: the next run tries again). Throws
     * {@link io.github.twitterstats.domain.CredentialsRejectedException} when the key is refused
     * and {@link io.github.twitterstats.domain.RunFailedException} when DataDog refuses the
     * request itself (a 4xx other than 408/429): no later attempt could succeed then.
     */
    SendResult send(List<Gauge> gauges);
}
