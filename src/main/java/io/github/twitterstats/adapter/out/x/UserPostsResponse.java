package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.adapter.out.format.JsonTrees;
import io.github.twitterstats.adapter.out.x.XClient.MalformedResponseException;
import io.github.twitterstats.domain.Post;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of a 200 answer to {@code GET /2/users/:id/tweets}, one page, read from the raw JSON so
 * each post is kept exactly as X sent it.
 *
 * <p>Documented shape (docs.x.com, user posts timeline): {@code data[]} holds the posts with the
 * requested {@code tweet.fields}; {@code meta} holds {@code result_count}, {@code newest_id},
 * {@code oldest_id} and, when another page follows, {@code next_token}. An empty page has no
 * {@code data} and {@code result_count} 0. A user that is unknown or suspended comes back as a 200
 * with only {@code errors[]} (an {@link XProblem}).
 *
 * @param posts        the page's posts, as X sent them
 * @param nextToken    {@code meta.next_token}, or null on the last page
 * @param problem      the first {@code errors[]} entry when there is no {@code data}, else null
 * @param unusablePost why a post could not be read (no usable id or created_at), else null
 */
record UserPostsResponse(List<Post> posts, String nextToken, XProblem problem, String unusablePost) {

    static String path(String userId) {
        return "users/" + userId + "/tweets";
    }

    static UserPostsResponse parse(String body) throws MalformedResponseException {
        Map<String, Object> root = XJson.envelope(body);
        List<?> data = XJson.array(root, "data");
        List<?> errors = XJson.elements(root, "errors");
        if (data == null && !errors.isEmpty()) {
            // a 200 with only errors: the user vanished or was suspended since the id was resolved
            return new UserPostsResponse(List.of(), null, XProblem.read(errors.get(0)), null);
        }
        Map<String, Object> meta = JsonTrees.object(root.get("meta"));
        if (data == null && meta == null) {
            throw new MalformedResponseException("X answered 200 with neither 'data' nor 'meta'");
        }
        List<Post> posts = new ArrayList<>();
        for (Object post : data == null ? List.of() : data) {
            try {
                posts.add(new Post(id(post), Instant.parse(JsonTrees.text(post, "created_at")), JsonTrees.write(post)));
            } catch (DateTimeParseException | IllegalArgumentException | NullPointerException | IOException e) {
                return new UserPostsResponse(List.of(), null, null,
                        "X returned a post without a usable id or created_at");
            }
        }
        return new UserPostsResponse(posts, JsonTrees.text(meta, "next_token"), null, null);
    }

    /**
     * A post's id as the archive has always read it: a scalar as written, "null" for a JSON null, and empty when
     * absent or not a scalar (the post is kept, ordered by that id).
     */
    private static String id(Object post) {
        Map<String, Object> object = JsonTrees.object(post);
        if (object == null || !object.containsKey("id")) {
            return "";
        }
        String id = JsonTrees.text(object, "id");
        return id != null ? id : object.get("id") == null ? "null" : "";
    }
}
