package io.github.twitterstats.domain;

import java.util.OptionalLong;

/**
 * The public counters X shows for an account. Likes and media are optional because X may omit
 * them or send null; an absent counter is never reported as zero.
 */
public record PublicMetrics(long followers, long following, long posts, long listed,
                            OptionalLong likes, OptionalLong media) {

    public PublicMetrics {
        likes = likes == null ? OptionalLong.empty() : likes;
        media = media == null ? OptionalLong.empty() : media;
    }

    /**
     * The counts every network publishes (followers, following, posts): Bluesky's and Mastodon's
     * accounts. {@code listed} is X's alone and is 0 here; {@code GaugeNaming} sends only the three
     * shared gauges for those networks, so that 0 is never sent.
     */
    public static PublicMetrics counts(long followers, long following, long posts) {
        return new PublicMetrics(followers, following, posts, 0, OptionalLong.empty(), OptionalLong.empty());
    }
}
