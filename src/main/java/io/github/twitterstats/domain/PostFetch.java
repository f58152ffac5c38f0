package io.github.twitterstats.domain;

import java.util.List;
import java.util.Objects;

/**
 * What reading one account's day of posts came to. {@code pages} counts the pages X answered,
 * {@code requests} every request made (retries included), so both can be reported and billed.
 */
public sealed interface PostFetch {

    int pages();

    int requests();

    /** Every post of the day, from every page. */
    record Complete(List<Post> posts, int pages, int requests) implements PostFetch {
        public Complete {
            posts = List.copyOf(posts);
        }
    }

    /**
     * The day could not be read completely. Nothing of it is stored: a partial day would replace
     * a complete one in the archive.
     */
    record Failed(AccountFailure failure, int pages, int requests) implements PostFetch {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }

        /** Worth another attempt later (quota, X trouble), as opposed to an unknown or suspended account. */
        public boolean retryable() {
            return failure.reason() == FailureReason.RATE_LIMITED || failure.reason() == FailureReason.X_ERROR;
        }
    }
}
