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
}
