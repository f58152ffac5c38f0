package io.github.twitterstats.port;

import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.PostFetch;
import io.github.twitterstats.domain.ResolvedAccount;
import java.time.LocalDate;

/** Where an account's posts come from (X: {@code /2/users/:id/tweets}). */
public interface PostSource {

    /**
     * Every post the account published on {@code day} (UTC, midnight to midnight), however many
     * pages that takes; anything less is a {@link PostFetch.Failed}. Rejected credentials throw
     * {@link io.github.twitterstats.domain.CredentialsRejectedException}. Waiting for a rate-limit
     * reset happens only when it ends before {@code deadline}.
     */
    PostFetch postsOf(ResolvedAccount account, LocalDate day, Deadline deadline);
}
