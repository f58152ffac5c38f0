package io.github.twitterstats.domain;

/** The social networks an account can live on; {@link #tagValue()} is the {@code network:} tag's value. */
public enum Network {
    X("x"),
    BLUESKY("bluesky"),
    MASTODON("mastodon");

    private final String tagValue;

    Network(String tagValue) {
        this.tagValue = tagValue;
    }

    public String tagValue() {
        return tagValue;
    }
}
