package io.github.twitterstats.domain;

/** Why one account produced no metrics; the wire names are part of the outside contract. */
public enum FailureReason {
    INVALID_HANDLE("invalid_handle"),
    NOT_FOUND("not_found"),
    SUSPENDED("suspended"),
    RATE_LIMITED("rate_limited"),
    X_ERROR("x_error"),
    BLUESKY_ERROR("bluesky_error"),
    MASTODON_ERROR("mastodon_error");

    private final String wireName;

    FailureReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
