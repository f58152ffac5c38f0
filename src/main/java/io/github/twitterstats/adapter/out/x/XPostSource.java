package io.github.twitterstats.adapter.out.x;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one account's posts of one UTC day from {@code GET /2/users/:id/tweets}, with
 * {@code start_time} and {@code end_time} bounding the day and {@code max_results=100}, following
 * {@code meta.next_token} until X sends none: every post of the day, however many pages. (The tool
 * this replaces read only the first page, at most 10 posts.) X reaches only an account's newest
 * 3,200 posts; a day further back than that comes back short, which X does not signal.
 *
 * <p>Every page is one request under {@link XClient#get}'s policy, the metrics run's: 429 waits
 * within the deadline else {@code rate_limited}; 5xx, network errors and bodies that are not JSON
 * are retried with {@link Backoff} then {@code x_error}; 401/403 throw
 * {@link io.github.twitterstats.domain.CredentialsRejectedException}. A user that vanished or was
 * suspended since its id was resolved is {@code not_found} or {@code suspended}.
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

    private final XClient client;

    public XPostSource(XCredentials credentials, URI baseUrl, Backoff backoff, RunLog log, Clock clock) {
        this.client = new XClient(credentials, baseUrl, backoff, log, clock);
    }

    // SHIM until redesign-core merges: the pinned constructor sharing one XClient.
    public XPostSource(XClient client) {
        this.client = client;
    }

    @Override
    public PostFetch postsOf(ResolvedAccount account, LocalDate day, Deadline deadline) {
        String path = UserPostsResponse.path(account.userId());
        Map<String, Object> context = Map.of("account", account.handle().value(), "day", day.toString());
        XClient.Session session = client.session(deadline);
        List<Post> posts = new ArrayList<>();
        int pages = 0;
        String token = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("start_time", day.atStartOfDay().toInstant(ZoneOffset.UTC).toString());
            query.put("end_time", day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString());
            query.put("max_results", Integer.toString(MAX_RESULTS));
            query.put("tweet.fields", TWEET_FIELDS);
            if (token != null) {
                query.put("pagination_token", token);
            }
            XClient.Outcome<UserPostsResponse> outcome = client.get(session, path, query, context,
                    (body, arrivedAt) -> UserPostsResponse.parse(body));
            if (outcome instanceof XClient.Unread<UserPostsResponse> unread) {
                return failed(account, unread.reason(), unread.detail(), pages, session.requests());
            }
            UserPostsResponse page = ((XClient.Read<UserPostsResponse>) outcome).value();
            pages++;
            if (page.problem() != null) {
                return failed(account, page.problem().reason(), page.problem().describe(), pages, session.requests());
            }
            if (page.unusablePost() != null) {
                return failed(account, FailureReason.X_ERROR, page.unusablePost(), pages, session.requests());
            }
            posts.addAll(page.posts());
            token = page.nextToken();
        } while (token != null && pages < MAX_PAGES);
        if (token != null) {
            return failed(account, FailureReason.X_ERROR, "more than " + MAX_PAGES + " pages for one day", pages,
                    session.requests());
        }
        return new PostFetch.Complete(posts, pages, session.requests());
    }

    private static PostFetch failed(ResolvedAccount account, FailureReason reason, String detail, int pages,
                                    int requests) {
        return new PostFetch.Failed(AccountFailure.of(account.handle(), reason, detail), pages, requests);
    }
}
