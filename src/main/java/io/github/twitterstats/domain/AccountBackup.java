package io.github.twitterstats.domain;

import java.time.LocalDate;
import java.util.Objects;

/** What backing up one account's day came to. */
public sealed interface AccountBackup {

    Handle handle();

    LocalDate day();

    int pages();

    int xRequests();

    /** The day's posts are in the archive, in one object that replaced any earlier one. */
    record Archived(Handle handle, LocalDate day, int posts, int pages, int xRequests, String location)
            implements AccountBackup {
        public Archived {
            Objects.requireNonNull(location, "location");
            if (posts < 1) {
                throw new IllegalArgumentException("an archived day has at least one post");
            }
        }
    }

    /** The account published nothing that day; nothing was written. */
    record NoPosts(Handle handle, LocalDate day, int pages, int xRequests) implements AccountBackup { }

    /** The day could not be read; {@code retryable} says whether a later attempt may succeed. */
    record Failed(Handle handle, LocalDate day, AccountFailure failure, boolean retryable, int pages, int xRequests)
            implements AccountBackup {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
