package io.github.twitterstats.adapter.out.bluesky;

import io.github.twitterstats.adapter.out.format.JsonTrees;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.twitterstats.support.Bounded;
import io.github.twitterstats.adapter.out.http.RateLimitHeaders;
import io.github.twitterstats.adapter.out.http.RetryingGet;
import io.github.twitterstats.adapter.out.http.RetryingGet.Unreadable;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountId;
import io.github.twitterstats.domain.AccountSnapshot;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.MetricsLookup;
import io.github.twitterstats.domain.PublicMetrics;
import io.github.twitterstats.port.NetworkMetricsSource;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads Bluesky accounts' counts from the AppView's {@code GET /xrpc/app.bsky.actor.getProfiles},
 * at most {@value #MAX_ACTORS_PER_REQUEST} actors (handles or DIDs) a request, no authentication.
 * N accounts cost ceil(N/25) requests, fetched concurrently up to {@code maxConcurrentRequests}.
 *
 * <p>Per batch, {@link RetryingGet}'s policy; then:
 * <ul>
 *   <li>200: each actor whose profile is in {@code profiles} (a DID matched on {@code did}, a handle on
 *       {@code handle}, case-insensitively) becomes a snapshot of {@code followersCount},
 *       {@code followsCount} and {@code postsCount}, stamped with the moment the answer arrived; an
 *       actor left out is {@code not_found}; a profile without the three counts (the lexicon makes
 *       them optional) is {@code bluesky_error} for that account. A body without {@code profiles},
 *       or a profile without {@code did} and {@code handle} or with a count that is not a
 *       non-negative integer, is unreadable and retried like a 5xx.</li>
 *   <li>Any other status (a 400 {@code InvalidRequest}, say): no retry, the batch's accounts are
 *       {@code bluesky_error}, with XRPC's {@code error} and {@code message} in the detail.</li>
 *   <li>Failed after its retries: {@code bluesky_error}. Rate limited past the deadline: {@code rate_limited}.</li>
 * </ul>
 * {@link MetricsLookup#requests()} counts every request sent (what the AppView's rate limit sees);
 * {@link MetricsLookup#failedRequests()} those spent on batches that ended in {@code bluesky_error}.
 */
public final class BlueskyMetricsSource implements NetworkMetricsSource<AccountId.Bluesky> {

    /** The lexicon's maximum of {@code actors} in one request. */
    public static final int MAX_ACTORS_PER_REQUEST = 25;
    static final String PATH = "/xrpc/app.bsky.actor.getProfiles";

    private final URI baseUrl;
    private final RetryingGet http;
    private final int maxConcurrentRequests;

    private BlueskyMetricsSource(Builder b) {
        this.baseUrl = b.baseUrl;
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.http = new RetryingGet("Bluesky", RateLimitHeaders.BLUESKY, b.settings);
    }

    /** {@code baseUrl} is {@code BLUESKY_API_URL}: scheme, host, optional port and path prefix. */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    @Override
    public MetricsLookup lookup(List<AccountId.Bluesky> accounts, Deadline deadline) {
        List<List<AccountId.Bluesky>> batches = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i += MAX_ACTORS_PER_REQUEST) {
            batches.add(accounts.subList(i, Math.min(accounts.size(), i + MAX_ACTORS_PER_REQUEST)));
        }
        RetryingGet.Session session = http.session(deadline);
        List<Batch> results = Bounded.map(batches, maxConcurrentRequests, "bluesky-lookup", batch -> fetch(session, batch));
        List<AccountSnapshot> snapshots = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        int failedRequests = 0;
        for (Batch batch : results) {
            snapshots.addAll(batch.snapshots());
            failures.addAll(batch.failures());
            failedRequests += batch.failedRequests();
        }
        return new MetricsLookup(snapshots, failures, session.requests(), failedRequests, session.lowestRateLimitRemaining());
    }

    /** The request of one batch: {@code actors} repeated, in the batch's order. */
    URI uri(List<AccountId.Bluesky> batch) {
        String query = batch.stream().map(a -> "actors=" + URLEncoder.encode(a.actor(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1)
                : baseUrl.toString();
        return URI.create(base + PATH + "?" + query);
    }

    /** A batch's accounts as read; {@code failedRequests} counts the requests spent on it when it ended in an error. */
    private record Batch(List<AccountSnapshot> snapshots, List<AccountFailure> failures, int failedRequests) { }

    /** What an answer said: its snapshots and failures, and whether Bluesky refused the whole request. */
    private record Answer(List<AccountSnapshot> snapshots, List<AccountFailure> failures, boolean refused) { }

    private Batch fetch(RetryingGet.Session session, List<AccountId.Bluesky> batch) {
        Map<String, Object> context = RunLog.fields("accounts", batch.size(), "first_account", batch.get(0).actor());
        RetryingGet.Outcome<Answer> outcome = session.get(baseUrl.getAuthority(), uri(batch), context,
                (status, body, arrivedAt) -> read(batch, status, body, arrivedAt));
        if (outcome instanceof RetryingGet.Read<Answer> read) {
            Answer answer = read.value();
            return new Batch(answer.snapshots(), answer.failures(), answer.refused() ? read.attempts() : 0);
        }
        if (outcome instanceof RetryingGet.RateLimited<Answer> limited) {
            return new Batch(List.of(), failAll(batch, FailureReason.RATE_LIMITED, limited.detail()), 0);
        }
        RetryingGet.Failed<Answer> failed = (RetryingGet.Failed<Answer>) outcome;
        return new Batch(List.of(), failAll(batch, FailureReason.BLUESKY_ERROR,
                "Bluesky request failed after its retries: " + failed.detail()), failed.attempts());
    }

    /** A 200 read into snapshots and per-account failures; any other status is a refusal of the whole batch. */
    private static Answer read(List<AccountId.Bluesky> batch, int status, String body, Instant arrivedAt) throws Unreadable {
        if (status != 200) {
            String detail = "Bluesky answered " + status + xrpcError(body);
            return new Answer(List.of(), failAll(batch, FailureReason.BLUESKY_ERROR, detail), true);
        }
        Map<String, Object> root = parse(body);
        if (!(root.get("profiles") instanceof List<?> profiles)) {
            throw new Unreadable("no profiles array");
        }
        Map<String, Map<String, Object>> byDid = new HashMap<>();
        Map<String, Map<String, Object>> byHandle = new HashMap<>();
        for (Object element : profiles) {
            Map<String, Object> profile = JsonTrees.object(element);
            if (profile == null || !(profile.get("did") instanceof String did)
                    || !(profile.get("handle") instanceof String handle)) {
                throw new Unreadable("a profile without did and handle");
            }
            byDid.put(did, profile);
            byHandle.put(handle.toLowerCase(Locale.ROOT), profile);
        }
        List<AccountSnapshot> snapshots = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        for (AccountId.Bluesky account : batch) {
            Map<String, Object> profile = account.isDid() ? byDid.get(account.actor())
                    : byHandle.get(account.actor().toLowerCase(Locale.ROOT));
            if (profile == null) {
                failures.add(AccountFailure.of(account, FailureReason.NOT_FOUND, "not in Bluesky's answer"));
                continue;
            }
            if (!profile.containsKey("followersCount") || !profile.containsKey("followsCount")
                    || !profile.containsKey("postsCount")) {
                failures.add(AccountFailure.of(account, FailureReason.BLUESKY_ERROR, "Bluesky sent the profile without its counts"));
                continue;
            }
            snapshots.add(new AccountSnapshot(account,
                    PublicMetrics.counts(count(profile, "followersCount"), count(profile, "followsCount"),
                            count(profile, "postsCount")), arrivedAt));
        }
        return new Answer(snapshots, failures, false);
    }

    /** The body as a JSON object; an empty body is no document, not a syntax error. */
    private static Map<String, Object> parse(String body) throws Unreadable {
        Object root;
        try {
            root = JsonTrees.read(body);
        } catch (JsonProcessingException e) {
            throw new Unreadable("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Unreadable("not JSON: " + e.getMessage());
        }
        Map<String, Object> object = JsonTrees.object(root);
        if (object == null) {
            throw new Unreadable("not a JSON object");
        }
        return object;
    }

    /**
     * A count the profile has: an integer that fits a long (the parser makes a BigInteger only beyond) and is not
     * negative; anything else makes the answer unreadable, named as sent.
     */
    private static long count(Map<String, Object> profile, String name) throws Unreadable {
        return JsonTrees.count(profile, name).orElseThrow(
                () -> new Unreadable(name + " is not a non-negative integer: " + JsonTrees.show(profile.get(name))));
    }

    /** XRPC's {@code error} and {@code message}, when the body has them. */
    private static String xrpcError(String body) {
        try {
            Map<String, Object> root = JsonTrees.object(JsonTrees.read(body));
            if (root != null && root.get("error") != null) {
                return ": " + JsonTrees.asText(root.get("error"))
                        + (root.get("message") != null ? " (" + JsonTrees.asText(root.get("message")) + ")" : "");
            }
        } catch (IOException e) {
            // no XRPC error body: the status says enough
        }
        return "";
    }

    private static List<AccountFailure> failAll(List<AccountId.Bluesky> batch, FailureReason reason, String detail) {
        return batch.stream().map(a -> AccountFailure.of(a, reason, detail)).toList();
    }

    /** Options with defaults (connect 5 s, read 10 s, {@link Backoff#DEFAULT}, margin 500 ms, 4 concurrent requests). */
    public static final class Builder {
        private final URI baseUrl;
        private RetryingGet.Settings settings = RetryingGet.Settings.defaults();
        private int maxConcurrentRequests = 4;

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        }

        /** Backoff, timeouts, rate-limit margin, log and clock: {@link RetryingGet.Settings#defaults()} unless set. */
        public Builder settings(RetryingGet.Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder maxConcurrentRequests(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be at least 1");
            }
            this.maxConcurrentRequests = max;
            return this;
        }

        public BlueskyMetricsSource build() {
            return new BlueskyMetricsSource(this);
        }
    }
}
