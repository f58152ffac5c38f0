package io.github.twitterstats.domain;

import java.util.Objects;

/** A handle X knows, with the numeric user id the timeline endpoint wants (kept as X's string). */
public record ResolvedAccount(Handle handle, String userId) {

    public ResolvedAccount {
        Objects.requireNonNull(handle, "handle");
        if (Objects.requireNonNull(userId, "userId").isBlank() || !userId.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("an X user id is a string of digits: " + userId);
        }
    }
}
