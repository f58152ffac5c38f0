package io.github.twitterstats.adapter.out.x;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.PostFetch;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.port.PostSource;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import twitter4j.HttpParameter;

/**
 * Reads one account's posts of one UTC day from {@code GET /2/users/:id/tweets}, with
 * {@code start_time} and {@code end_time} bounding the day and {@code max_results=100}, following
 * {@code meta.next_token} until X sends none: every post of the day, however many pages. (The tool
 * this replaces read only the first page, at most 10 posts.) X reaches only an account's newest
 * 3,200 posts; a day further back than that comes back short, which X does not signal.
 */
public final class XPostSource implements PostSource {

    /**
     * The post fields an archive needs: what was said, when, in which language and thread, what it
     * answered or quoted, its links, mentions and media keys, its counters at backup time, and its
     * reply and edit context. {@code edit_controls} and non-public metrics are left out: the first
     * changes by the minute, the second needs the author's own user context.
     */
    public static final String TWEET_FIELDS = String.join(",", "id", "text", "created_at", "author_id", "lang",
            "conversation_id", "in_reply_to_user_id", "referenced_tweets", "entities", "attachments",
            "public_metrics", "possibly_sensitive", "reply_settings", "source", "geo", "edit_history_tweet_ids",
            "note_tweet");
    public static final int MAX_RESULTS = 100;
    /** A runaway guard: 3,200 reachable posts at 100 a page is 32 pages. */
    static final int MAX_PAGES = 40;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final XApi api;

    public XPostSource(XCredentials credentials, URI baseUrl, Backoff backoff, RunLog log, Clock clock) {
        this.api = new XApi(credentials, baseUrl, backoff, log, clock);
    }

    @Override
    public PostFetch postsOf(ResolvedAccount account, LocalDate day, Deadline deadline) {
        String start = day.atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        String end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        List<Post> posts = new ArrayList<>();
        int pages = 0;
        int requests = 0;
        String token = null;
        do {
            List<HttpParameter> params = new ArrayList<>(List.of(
                    new HttpParameter("start_time", start),
                    new HttpParameter("end_time", end),
                    new HttpParameter("max_results", MAX_RESULTS),
                    new HttpParameter("tweet.fields", TWEET_FIELDS)));
            if (token != null) {
                params.add(new HttpParameter("pagination_token", token));
            }
            XApi.Result result = api.get("users/" + account.userId() + "/tweets", deadline,
                    params.toArray(HttpParameter[]::new));
            requests += result.requests();
            if (result instanceof XApi.RateLimited limited) {
                return failed(account, FailureReason.RATE_LIMITED, limited.detail(), pages, requests);
            }
            if (result instanceof XApi.Failed failed) {
                return failed(account, FailureReason.X_ERROR, failed.detail(), pages, requests);
            }
            JsonNode root;
            try {
                root = JSON.readTree(((XApi.Ok) result).body());
            } catch (JsonProcessingException e) {
                return failed(account, FailureReason.X_ERROR, "X answered 200 with a body that is not JSON", pages,
                        requests);
            }
            pages++;
            JsonNode data = root.path("data");
            if (!data.isArray() && root.path("errors").isArray()) {
                // a 200 with only errors: the user vanished or was suspended since the ids were resolved
                return accountProblem(account, root.path("errors").get(0), pages, requests);
            }
            for (JsonNode post : data) {
                try {
                    posts.add(new Post(post.path("id").asText(), Instant.parse(post.path("created_at").asText()),
                            JSON.writeValueAsString(post)));
                } catch (DateTimeParseException | IllegalArgumentException | JsonProcessingException e) {
                    return failed(account, FailureReason.X_ERROR, "X returned a post without a usable id or"
                            + " created_at", pages, requests);
                }
            }
            token = root.path("meta").path("next_token").asText(null);
        } while (token != null && pages < MAX_PAGES);
        if (token != null) {
            return failed(account, FailureReason.X_ERROR, "more than " + MAX_PAGES + " pages for one day", pages,
                    requests);
        }
        return new PostFetch.Complete(posts, pages, requests);
    }

    private static PostFetch accountProblem(ResolvedAccount account, JsonNode error, int pages, int requests) {
        String title = error.path("title").asText("");
        String detail = error.path("detail").asText(title);
        FailureReason reason = detail.toLowerCase().contains("suspended") ? FailureReason.SUSPENDED
                : title.toLowerCase().startsWith("not found") ? FailureReason.NOT_FOUND : FailureReason.X_ERROR;
        return failed(account, reason, title + ": " + detail, pages, requests);
    }

    private static PostFetch failed(ResolvedAccount account, FailureReason reason, String detail, int pages,
                                    int requests) {
        return new PostFetch.Failed(AccountFailure.of(account.handle(), reason, detail), pages, requests);
    }
}
