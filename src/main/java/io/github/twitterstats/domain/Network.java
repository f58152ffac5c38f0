package io.github.twitterstats.domain;

/**
 * The social networks an account can live on: {@link #tagValue()} is the {@code network:} tag's value,
 * {@link #displayName()} how messages name it, {@link #service()} the outside service that answers for it.
 */
public enum Network {
    X("x", "X", Service.X),
    BLUESKY("bluesky", "Bluesky", Service.BLUESKY),
    MASTODON("mastodon", "Mastodon", Service.MASTODON);

    private final String tagValue;
    private final String displayName;
    private final Service service;

    Network(String tagValue, String displayName, Service service) {
        this.tagValue = tagValue;
        this.displayName = displayName;
        this.service = service;
    }

    public String tagValue() {
        return tagValue;
    }

    public String displayName() {
        return displayName;
    }

    public Service service() {
        return service;
    }
}
