package io.github.twitterstats.port;

import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.MetricsLookup;
import java.util.List;

/** Where public metrics come from (X). */
public interface MetricsSource {

    /**
     * Looks up every handle. Per-account problems (unknown, suspended, rate limited, a batch that
     * kept failing) come back as failures in the result; rejected credentials throw
     * {@link io.github.twitterstats.domain.CredentialsRejectedException}. Waiting for a rate-limit
     * reset happens only when it ends before {@code deadline}.
     */
    MetricsLookup lookup(List<Handle> handles, Deadline deadline);
}
