package io.github.twitterstats.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One post as X returned it. {@code json} is the post object exactly as X sent it, on one line:
 * the archive keeps what X said rather than our reading of it, so fields we never modelled (and
 * fields X adds later) survive. {@code id} and {@code createdAt} are read out only to order the
 * archive and to check the post belongs to the day.
 */
public record Post(String id, Instant createdAt, String json) {

    public Post {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(json, "json");
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            // JSON lines: a raw line break would split one post into two broken records
            throw new IllegalArgumentException("a post's JSON must be a single line");
        }
    }

    /**
     * Orders posts oldest first. X ids are snowflakes, so a longer id is a later one and ids of
     * equal length compare as text; this never parses the id, which X sends as a string.
     */
    public static int chronologically(Post a, Post b) {
        int byLength = Integer.compare(a.id.length(), b.id.length());
        return byLength != 0 ? byLength : a.id.compareTo(b.id);
    }
}
