package io.github.twitterstats.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One unit of backup work: one account's posts of one UTC day. It is what a queue message
 * carries, so that a worker needs no second id lookup and a retry backs up the same day even
 * if it runs after midnight.
 */
public record BackupJob(ResolvedAccount account, LocalDate day) {

    public BackupJob {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(day, "day");
    }

    public Handle handle() {
        return account.handle();
    }
}
