package io.github.twitterstats.testing;

import io.github.twitterstats.domain.Post;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Posts shaped like X's post objects, with snowflake-like ids that grow with time. */
public final class SamplePosts {

    private SamplePosts() {
    }

    /** {@code count} posts spread over {@code day}, oldest first, ids unique per {@code userId}. */
    public static List<Post> ofDay(String userId, LocalDate day, int count) {
        List<Post> posts = new ArrayList<>(count);
        long dayStart = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < count; i++) {
            Instant at = Instant.ofEpochSecond(dayStart + (86_399L * i) / Math.max(1, count));
            String id = String.valueOf(1_800_000_000_000_000_000L + at.getEpochSecond() * 1_000_000L
                    + Long.parseLong(userId) % 1000 * 1000 + i);
            posts.add(post(id, userId, at, "post " + i + " of " + userId + " \"quoted\" \u00e9"));
        }
        return posts;
    }

    public static Post post(String id, String authorId, Instant createdAt, String text) {
        String json = "{\"id\":\"" + id + "\",\"text\":\"" + text.replace("\"", "\\\"") + "\",\"created_at\":\""
                + createdAt + "\",\"author_id\":\"" + authorId + "\",\"lang\":\"en\",\"conversation_id\":\"" + id
                + "\",\"public_metrics\":{\"retweet_count\":1,\"reply_count\":2,\"like_count\":3,\"quote_count\":0,"
                + "\"bookmark_count\":0,\"impression_count\":40}}";
        return new Post(id, createdAt, json);
    }
}
