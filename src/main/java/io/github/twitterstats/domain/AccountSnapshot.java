package io.github.twitterstats.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's metrics as its network reported them, stamped with the moment the answer arrived.
 * X accounts carry all of {@link PublicMetrics}; Bluesky and Mastodon accounts only the counts
 * every network shares (followers, following, posts), made with {@link PublicMetrics#counts}.
 */
public record AccountSnapshot(AccountId account, PublicMetrics metrics, Instant observedAt) {

    public AccountSnapshot {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /** An X account's snapshot. */
    public AccountSnapshot(Handle handle, PublicMetrics metrics, Instant observedAt) {
        this(new AccountId.X(Objects.requireNonNull(handle, "handle")), metrics, observedAt);
    }

    public Network network() {
        return account.network();
    }

    /**
     * The X handle of an X account's snapshot.
     *
     * @throws IllegalStateException for an account of another network: code that can see every
     *     network reads {@link #account()}
     */
    public Handle handle() {
        if (account instanceof AccountId.X x) {
            return x.handle();
        }
        throw new IllegalStateException("not an X account: " + account.display() + " (" + account.network().tagValue() + ")");
    }
}
