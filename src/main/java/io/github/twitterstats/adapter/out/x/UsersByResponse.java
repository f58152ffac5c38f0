package io.github.twitterstats.adapter.out.x;

import io.github.twitterstats.adapter.out.format.JsonTrees;
import io.github.twitterstats.adapter.out.x.XClient.MalformedResponseException;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.domain.ResolvedAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The request {@code GET /2/users/by} and the body of its 200 answer, read from the raw JSON
 * (twitter4j-v2's {@code UsersResponse} drops {@code errors}, {@code media_count} and
 * {@code post_count}). One request shape serves both uses: the metrics run reads each user's
 * {@code public_metrics}, the backup its {@code id} (which comes with every user).
 *
 * <p>Documented shape (docs.x.com, users lookup): {@code data[]} holds the users found, each with
 * {@code id}, {@code name}, {@code username} and the requested {@code public_metrics};
 * {@code errors[]} holds one {@link XProblem} per unknown or suspended user name. Either member may
 * be absent; when every name is unknown there is no {@code data}.
 */
final class UsersByResponse {

    /** The documented maximum of user names in one request. */
    static final int MAX_USERNAMES = 100;
    static final String PATH = "users/by";

    /** One user in {@code data[]}: its id, its metrics or why they cannot be used. */
    private record FoundUser(String username, String id, PublicMetrics metrics, String problem) { }

    /** What one batch produced for the metrics run: a snapshot or exactly one failure per requested handle. */
    record Outcome(List<AccountSnapshot> snapshots, List<AccountFailure> failures) { }

    /** What one batch produced for the backup: a user id or exactly one failure per requested handle. */
    record Ids(List<ResolvedAccount> found, List<AccountFailure> failures) { }

    /** The distinct handles in batches of at most {@value #MAX_USERNAMES}, in order. */
    static List<List<Handle>> batches(List<Handle> handles) {
        List<Handle> distinct = List.copyOf(new LinkedHashSet<>(handles));
        List<List<Handle>> batches = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_USERNAMES) {
            batches.add(distinct.subList(from, Math.min(distinct.size(), from + MAX_USERNAMES)));
        }
        return batches;
    }

    /**
     * The query for one batch. Only {@code public_metrics} is asked for: the id, name and user name
     * come with every user, and no {@code expansions} (which would add posts, billed as post reads).
     */
    static Map<String, String> query(List<Handle> batch) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("usernames", batch.stream().map(Handle::value).collect(Collectors.joining(",")));
        query.put("user.fields", "public_metrics");
        return query;
    }

    private final Map<String, FoundUser> users;
    private final List<XProblem> problems;

    private UsersByResponse(Map<String, FoundUser> users, List<XProblem> problems) {
        this.users = users;
        this.problems = problems;
    }

    static UsersByResponse parse(String body) throws MalformedResponseException {
        Map<String, Object> root = XJson.envelope(body);
        if (XJson.array(root, "data") == null && XJson.array(root, "errors") == null) {
            throw new MalformedResponseException("X answered 200 with neither 'data' nor 'errors'");
        }

        Map<String, FoundUser> users = new LinkedHashMap<>();
        for (Object user : XJson.elements(root, "data")) {
            String username = text(user, "username");
            if (username != null) {
                users.putIfAbsent(XJson.lower(username),
                        readUser(username, text(user, "id"), JsonTrees.object(JsonTrees.member(user, "public_metrics"))));
            }
        }
        List<XProblem> problems = new ArrayList<>();
        for (Object error : XJson.elements(root, "errors")) {
            problems.add(XProblem.read(error));
        }
        return new UsersByResponse(users, problems);
    }

    /**
     * Accounts for every handle of the batch: found users become snapshots stamped
     * {@code observedAt}; the others become the failure their {@code errors[]} entry names, or an
     * {@code x_error} when X said nothing about them.
     */
    Outcome resolve(List<Handle> batch, Instant observedAt) {
        List<AccountSnapshot> snapshots = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        Map<String, XProblem> problemByName = problemByName();
        for (Handle handle : batch) {
            FoundUser user = users.get(handle.canonical());
            if (user != null && user.metrics() != null) {
                snapshots.add(new AccountSnapshot(handle, user.metrics(), observedAt));
            } else {
                failures.add(failure(handle, user == null ? null : user.problem(), problemByName));
            }
        }
        return new Outcome(snapshots, failures);
    }

    /** The same for the user ids: a found user with an id resolves, whatever its metrics. */
    Ids resolveIds(List<Handle> batch) {
        List<ResolvedAccount> found = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        Map<String, XProblem> problemByName = problemByName();
        for (Handle handle : batch) {
            FoundUser user = users.get(handle.canonical());
            if (user != null && isUserId(user.id())) {
                found.add(new ResolvedAccount(handle, user.id()));
            } else {
                failures.add(failure(handle, user == null ? null : "X returned the user without a usable id",
                        problemByName));
            }
        }
        return new Ids(found, failures);
    }

    private Map<String, XProblem> problemByName() {
        Map<String, XProblem> problemByName = new HashMap<>();
        for (XProblem problem : problems) {
            for (String name : problem.subjects()) {
                problemByName.putIfAbsent(name, problem);
            }
        }
        return problemByName;
    }

    /** Why {@code handle} has no result: what is wrong with its user, else its errors[] entry, else silence. */
    private static AccountFailure failure(Handle handle, String userProblem, Map<String, XProblem> problemByName) {
        XProblem problem = problemByName.get(handle.canonical());
        if (userProblem != null) {
            return AccountFailure.of(handle, FailureReason.X_ERROR, userProblem);
        }
        if (problem != null) {
            return AccountFailure.of(handle, problem.reason(), problem.describe());
        }
        return AccountFailure.of(handle, FailureReason.X_ERROR, "X returned neither the user nor an error for it");
    }

    private static FoundUser readUser(String username, String id, Map<String, Object> metrics) {
        if (metrics == null) {
            return new FoundUser(username, id, null, "X returned the user without public_metrics");
        }
        List<String> missing = new ArrayList<>();
        OptionalLong followers = JsonTrees.count(metrics, "followers_count");
        OptionalLong following = JsonTrees.count(metrics, "following_count");
        OptionalLong posts = JsonTrees.count(metrics, "post_count");
        if (posts.isEmpty()) {
            posts = JsonTrees.count(metrics, "tweet_count");
        }
        OptionalLong listed = JsonTrees.count(metrics, "listed_count");
        if (followers.isEmpty()) missing.add("followers_count");
        if (following.isEmpty()) missing.add("following_count");
        if (posts.isEmpty()) missing.add("tweet_count/post_count");
        if (listed.isEmpty()) missing.add("listed_count");
        if (!missing.isEmpty()) {
            return new FoundUser(username, id, null, "X returned public_metrics without " + String.join(", ", missing));
        }
        PublicMetrics read = new PublicMetrics(followers.getAsLong(), following.getAsLong(), posts.getAsLong(),
                listed.getAsLong(), JsonTrees.count(metrics, "like_count"), JsonTrees.count(metrics, "media_count"));
        return new FoundUser(username, id, read, null);
    }

    /** X sends ids as strings of digits; anything else cannot address the timeline. */
    private static boolean isUserId(String id) {
        return id != null && !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String text(Object node, String name) {
        return JsonTrees.text(node, name);
    }
}
