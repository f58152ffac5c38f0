package io.github.twitterstats.adapter.out.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.PublicMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a 200 answer to {@code GET /2/users/by}, read from the raw JSON (twitter4j-v2's
 * {@code UsersResponse} drops {@code errors}, {@code media_count} and {@code post_count}).
 *
 * <p>Documented shape (docs.x.com, users lookup): {@code data[]} holds the users found, each with
 * {@code id}, {@code name}, {@code username} and the requested {@code public_metrics};
 * {@code errors[]} holds one problem per unknown or suspended user name, e.g.
 * {@code {"value":"nosuch","detail":"Could not find user with usernames: [nosuch].",
 * "title":"Not Found Error","resource_type":"user","parameter":"usernames","resource_id":"nosuch",
 * "type":"https://api.twitter.com/2/problems/resource-not-found"}}, and for a suspended user
 * {@code "title":"Forbidden","detail":"User has been suspended: [name]."} with the same
 * {@code type}. Either member may be absent; when every name is unknown there is no {@code data}.
 */
final class UsersByResponse {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\]");

    /** One user in {@code data[]}: its metrics, or why they cannot be used. */
    private record FoundUser(String username, PublicMetrics metrics, String problem) { }

    /** One entry of {@code errors[]}. */
    record Problem(String value, String resourceId, String title, String detail, String type) {

        FailureReason reason() {
            String d = lower(detail);
            String t = lower(title);
            if (d.contains("suspended") || t.equals("forbidden")) {
                return FailureReason.SUSPENDED;
            }
            if (t.equals("not found error") || lower(type).endsWith("/resource-not-found")) {
                return FailureReason.NOT_FOUND;
            }
            return FailureReason.X_ERROR;
        }

        /** The user names this problem is about, lower case: value, resource_id, or the [...] in detail. */
        List<String> subjects() {
            List<String> names = new ArrayList<>();
            if (value != null) {
                names.add(lower(value));
            }
            if (resourceId != null) {
                names.add(lower(resourceId));
            }
            if (names.isEmpty() && detail != null) {
                Matcher m = BRACKETED.matcher(detail);
                while (m.find()) {
                    for (String part : m.group(1).split(",")) {
                        names.add(lower(part.trim()));
                    }
                }
            }
            return names;
        }

        String describe() {
            return (title == null ? "X error" : title) + (detail == null ? "" : ": " + detail);
        }
    }

    /** Thrown when the body is not the documented JSON object. */
    static final class MalformedResponseException extends Exception {
        MalformedResponseException(String message) {
            super(message);
        }
    }

    /** What one batch produced: a snapshot or exactly one failure per requested handle. */
    record Outcome(List<AccountSnapshot> snapshots, List<AccountFailure> failures) { }

    private final Map<String, FoundUser> users;
    private final List<Problem> problems;

    private UsersByResponse(Map<String, FoundUser> users, List<Problem> problems) {
        this.users = users;
        this.problems = problems;
    }

    static UsersByResponse parse(String body) throws MalformedResponseException {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("X answered 200 with a body that is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException("X answered 200 with a body that is not a JSON object");
        }
        JsonNode data = root.path("data");
        JsonNode errors = root.path("errors");
        if (!data.isMissingNode() && !data.isNull() && !data.isArray()) {
            throw new MalformedResponseException("X answered 200 with a 'data' member that is not an array");
        }
        if (!errors.isMissingNode() && !errors.isNull() && !errors.isArray()) {
            throw new MalformedResponseException("X answered 200 with an 'errors' member that is not an array");
        }
        if (!data.isArray() && !errors.isArray()) {
            throw new MalformedResponseException("X answered 200 with neither 'data' nor 'errors'");
        }

        Map<String, FoundUser> users = new LinkedHashMap<>();
        for (JsonNode user : data) {
            String username = text(user, "username");
            if (username != null) {
                users.putIfAbsent(lower(username), readUser(username, user.path("public_metrics")));
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (JsonNode error : errors) {
            problems.add(new Problem(text(error, "value"), text(error, "resource_id"), text(error, "title"),
                    text(error, "detail"), text(error, "type")));
        }
        return new UsersByResponse(users, problems);
    }

    /**
     * Accounts for every handle of the batch: found users become snapshots stamped
     * {@code observedAt}; the others become the failure their {@code errors[]} entry names, or an
     * {@code x_error} when X said nothing about them.
     */
    Outcome resolve(List<Handle> batch, Instant observedAt) {
        Map<String, Problem> problemByName = new HashMap<>();
        for (Problem problem : problems) {
            for (String name : problem.subjects()) {
                problemByName.putIfAbsent(name, problem);
            }
        }
        List<AccountSnapshot> snapshots = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        for (Handle handle : batch) {
            FoundUser user = users.get(handle.canonical());
            Problem problem = problemByName.get(handle.canonical());
            if (user != null && user.metrics() != null) {
                snapshots.add(new AccountSnapshot(handle, user.metrics(), observedAt));
            } else if (user != null) {
                failures.add(AccountFailure.of(handle, FailureReason.X_ERROR, user.problem()));
            } else if (problem != null) {
                failures.add(AccountFailure.of(handle, problem.reason(), problem.describe()));
            } else {
                failures.add(AccountFailure.of(handle, FailureReason.X_ERROR,
                        "X returned neither the user nor an error for it"));
            }
        }
        return new Outcome(snapshots, failures);
    }

    private static FoundUser readUser(String username, JsonNode metrics) {
        if (!metrics.isObject()) {
            return new FoundUser(username, null, "X returned the user without public_metrics");
        }
        List<String> missing = new ArrayList<>();
        OptionalLong followers = count(metrics, "followers_count");
        OptionalLong following = count(metrics, "following_count");
        OptionalLong posts = count(metrics, "post_count");
        if (posts.isEmpty()) {
            posts = count(metrics, "tweet_count");
        }
        OptionalLong listed = count(metrics, "listed_count");
        if (followers.isEmpty()) missing.add("followers_count");
        if (following.isEmpty()) missing.add("following_count");
        if (posts.isEmpty()) missing.add("tweet_count/post_count");
        if (listed.isEmpty()) missing.add("listed_count");
        if (!missing.isEmpty()) {
            return new FoundUser(username, null, "X returned public_metrics without " + String.join(", ", missing));
        }
        PublicMetrics read = new PublicMetrics(followers.getAsLong(), following.getAsLong(), posts.getAsLong(),
                listed.getAsLong(), count(metrics, "like_count"), count(metrics, "media_count"));
        return new FoundUser(username, read, null);
    }

    /** A non-negative integral counter; absent, null or anything else is "not reported". */
    private static OptionalLong count(JsonNode metrics, String name) {
        JsonNode node = metrics.get(name);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(node.asLong());
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    private static String lower(String s) {
        return Optional.ofNullable(s).orElse("").toLowerCase(Locale.ROOT);
    }
}
