package io.github.twitterstats.port;

import io.github.twitterstats.domain.AccountIds;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Handle;
import java.util.List;

/** Turns handles into X user ids (X: {@code /2/users/by}, 100 a request). */
public interface AccountDirectory {

    /**
     * Resolves every handle. Unknown, suspended and rate-limited accounts come back as failures,
     * as in the metrics run; rejected credentials throw
     * {@link io.github.twitterstats.domain.CredentialsRejectedException}.
     */
    AccountIds resolve(List<Handle> handles, Deadline deadline);
}
