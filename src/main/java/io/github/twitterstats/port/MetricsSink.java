package io.github.twitterstats.port;

import io.github.twitterstats.domain.Delivery;
import io.github.twitterstats.domain.Gauge;
import java.util.List;

/** Where gauges go (DataDog). */
public interface MetricsSink {

    /**
     * Delivers every gauge, retrying transient failures a bounded number of times. Throws
     * {@link io.github.twitterstats.domain.RunFailedException} when it could not, and
     * {@link io.github.twitterstats.domain.CredentialsRejectedException} when the key is refused.
     */
    Delivery send(List<Gauge> gauges);
}
