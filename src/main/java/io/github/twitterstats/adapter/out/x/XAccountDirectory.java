package io.github.twitterstats.adapter.out.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountIds;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.port.AccountDirectory;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import twitter4j.HttpParameter;

/**
 * Resolves handles to user ids with {@code GET /2/users/by}, 100 user names a request, asking for
 * no extra fields (the id comes with every user). Unknown and suspended accounts come back in
 * {@code errors[]} and become the same failures as in the metrics run.
 *
 * <p>TODO(merge x-adapter): read the answer with the metrics adapter's UsersByResponse (which
 * would then keep each user's id) instead of the small reader below.
 */
public final class XAccountDirectory implements AccountDirectory {

    static final int MAX_USERNAMES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final XApi api;

    public XAccountDirectory(XCredentials credentials, URI baseUrl, Backoff backoff, RunLog log, Clock clock) {
        this.api = new XApi(credentials, baseUrl, backoff, log, clock);
    }

    @Override
    public AccountIds resolve(List<Handle> handles, Deadline deadline) {
        List<ResolvedAccount> found = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        int requests = 0;
        int failedRequests = 0;
        for (int from = 0; from < handles.size(); from += MAX_USERNAMES) {
            List<Handle> batch = handles.subList(from, Math.min(from + MAX_USERNAMES, handles.size()));
            XApi.Result result = api.get("users/by", deadline, new HttpParameter("usernames",
                    batch.stream().map(Handle::value).collect(Collectors.joining(","))));
            requests += result.requests();
            if (result instanceof XApi.RateLimited limited) {
                batch.forEach(h -> failures.add(AccountFailure.of(h, FailureReason.RATE_LIMITED, limited.detail())));
            } else if (result instanceof XApi.Failed failed) {
                failedRequests += failed.requests();
                batch.forEach(h -> failures.add(AccountFailure.of(h, FailureReason.X_ERROR, failed.detail())));
            } else if (!read(((XApi.Ok) result).body(), batch, found, failures)) {
                failedRequests += result.requests();
            }
        }
        return new AccountIds(found, failures, requests, failedRequests);
    }

    /** Accounts for every handle of the batch; false if the body was not the documented JSON. */
    private static boolean read(String body, List<Handle> batch, List<ResolvedAccount> found,
                                List<AccountFailure> failures) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            batch.forEach(h -> failures.add(AccountFailure.of(h, FailureReason.X_ERROR, "X answered 200 with no JSON")));
            return false;
        }
        Map<String, String> ids = new HashMap<>();
        for (JsonNode user : root.path("data")) {
            ids.put(user.path("username").asText("").toLowerCase(Locale.ROOT), user.path("id").asText(""));
        }
        Map<String, AccountFailure> problems = new HashMap<>();
        for (JsonNode error : root.path("errors")) {
            String name = error.path("value").asText(error.path("resource_id").asText("")).toLowerCase(Locale.ROOT);
            String title = error.path("title").asText("");
            String detail = error.path("detail").asText("");
            FailureReason reason = detail.toLowerCase(Locale.ROOT).contains("suspended") || title.equals("Forbidden")
                    ? FailureReason.SUSPENDED
                    : title.startsWith("Not Found") ? FailureReason.NOT_FOUND : FailureReason.X_ERROR;
            problems.put(name, new AccountFailure(name, reason, title + ": " + detail));
        }
        for (Handle handle : batch) {
            String id = ids.get(handle.canonical());
            AccountFailure problem = problems.get(handle.canonical());
            if (id != null && !id.isEmpty()) {
                found.add(new ResolvedAccount(handle, id));
            } else if (problem != null) {
                failures.add(AccountFailure.of(handle, problem.reason(), problem.detail()));
            } else {
                failures.add(AccountFailure.of(handle, FailureReason.X_ERROR, "X returned neither the user nor an error"));
            }
        }
        return true;
    }
}
