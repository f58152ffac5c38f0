package io.github.twitterstats.adapter.out.mastodon;

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
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads Mastodon accounts' counts with {@code GET /api/v1/accounts/lookup?acct=}, one request an
 * account, each on the account's own server (whose counts are authoritative; other servers hold
 * cached copies): {@code https://<instance>/api/v1/accounts/lookup?acct=<user>}. Built
 * {@link #through} a base URL ({@code MASTODON_API_URL}), every lookup goes there instead with
 * {@code acct=<user>@<instance>}.
 *
 * <p>Requests to one server go one after the other, so each server's rate-limit headers
 * ({@code X-RateLimit-Remaining} / {@code X-RateLimit-Reset}) are respected before its next request;
 * different servers are read concurrently, at most {@code maxConcurrentServers} at a time.
 *
 * <p>Per account, {@link RetryingGet}'s policy; then 200 with the Account entity: a snapshot of
 * {@code followers_count}, {@code following_count} and {@code statuses_count}, stamped with the
 * moment the answer arrived, or {@code suspended} when the entity says {@code "suspended": true}
 * (docs.joinmastodon.org/entities/Account, since 3.3.0); 404 {@code not_found}; 410 {@code suspended}
 * (what Mastodon 2.4-3.2 answered for suspended accounts on its account methods); any other status
 * (a 401 from a server that only answers signed-in users, say) {@code mastodon_error} without retry.
 * An entity without the three counts, or of another user name, is unreadable and retried like a 5xx.
 * After its retries: {@code mastodon_error}; rate limited past the deadline: {@code rate_limited}.
 */
public final class MastodonMetricsSource implements NetworkMetricsSource<AccountId.Mastodon> {

    static final String PATH = "/api/v1/accounts/lookup";

    private final Route route;
    private final RetryingGet http;
    private final int maxConcurrentServers;

    private MastodonMetricsSource(Builder b) {
        this.route = b.route;
        this.maxConcurrentServers = b.maxConcurrentServers;
        this.http = new RetryingGet("Mastodon", RateLimitHeaders.MASTODON, b.settings);
    }

    /** Each account read from its home server, {@code https://<instance>}. */
    public static Builder homeServers() {
        return homeServers(instance -> URI.create("https://" + instance));
    }

    /** Each account read from its home server, found through {@code resolver} (instance in lower case to base URL). */
    public static Builder homeServers(Function<String, URI> resolver) {
        return new Builder(new HomeServers(Objects.requireNonNull(resolver, "resolver")));
    }

    /** Every account read through one server ({@code MASTODON_API_URL}), as {@code acct=user@instance}. */
    public static Builder through(URI baseUrl) {
        return new Builder(new Through(Objects.requireNonNull(baseUrl, "baseUrl")));
    }

    /** Where an account's lookup goes: the server (the key rate limits are kept under) and the request. */
    sealed interface Route permits HomeServers, Through {
        String server(AccountId.Mastodon account);

        URI uri(AccountId.Mastodon account);
    }

    record HomeServers(Function<String, URI> resolver) implements Route {
        @Override
        public String server(AccountId.Mastodon account) {
            return account.server();
        }

        @Override
        public URI uri(AccountId.Mastodon account) {
            return lookupUri(resolver.apply(account.server()), account.username());
        }
    }

    record Through(URI baseUrl) implements Route {
        @Override
        public String server(AccountId.Mastodon account) {
            return baseUrl.getAuthority();
        }

        @Override
        public URI uri(AccountId.Mastodon account) {
            return lookupUri(baseUrl, account.acct());
        }
    }

    static URI lookupUri(URI base, String acct) {
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + PATH + "?acct=" + URLEncoder.encode(acct, StandardCharsets.UTF_8));
    }

    @Override
    public MetricsLookup lookup(List<AccountId.Mastodon> accounts, Deadline deadline) {
        Map<String, List<AccountId.Mastodon>> byServer = new LinkedHashMap<>();
        for (AccountId.Mastodon account : accounts) {
            byServer.computeIfAbsent(route.server(account), s -> new ArrayList<>()).add(account);
        }
        RetryingGet.Session session = http.session(deadline);
        List<List<Result>> perServer = Bounded.map(new ArrayList<>(byServer.values()), maxConcurrentServers,
                "mastodon-lookup", serverAccounts -> serverAccounts.stream().map(a -> fetch(session, a)).toList());

        Map<AccountId.Mastodon, Result> results = new LinkedHashMap<>();
        perServer.forEach(list -> list.forEach(r -> results.put(r.account(), r)));
        List<AccountSnapshot> snapshots = new ArrayList<>();
        List<AccountFailure> failures = new ArrayList<>();
        int failedRequests = 0;
        for (AccountId.Mastodon account : accounts) {          // the user's order, whatever the servers' pace
            Result result = results.get(account);
            if (result.snapshot() != null) {
                snapshots.add(result.snapshot());
            } else {
                failures.add(result.failure());
            }
            failedRequests += result.failedRequests();
        }
        return new MetricsLookup(snapshots, failures, session.requests(), failedRequests, session.lowestRateLimitRemaining());
    }

    /** What one answer said: a snapshot or a failure, and whether the server refused the request. */
    private record Answer(AccountSnapshot snapshot, AccountFailure failure, boolean refused) {
        static Answer of(AccountSnapshot snapshot) {
            return new Answer(snapshot, null, false);
        }

        static Answer failed(AccountId.Mastodon account, FailureReason reason, String detail, boolean refused) {
            return new Answer(null, AccountFailure.of(account, reason, detail), refused);
        }
    }

    /** An account's outcome; {@code failedRequests} counts the requests spent on it when it ended in an error. */
    private record Result(AccountId.Mastodon account, AccountSnapshot snapshot, AccountFailure failure, int failedRequests) {
        static Result failed(AccountId.Mastodon account, FailureReason reason, String detail, int failedRequests) {
            return new Result(account, null, AccountFailure.of(account, reason, detail), failedRequests);
        }
    }

    private Result fetch(RetryingGet.Session session, AccountId.Mastodon account) {
        Map<String, Object> context = RunLog.fields("account", account.acct());
        RetryingGet.Outcome<Answer> outcome = session.get(route.server(account), route.uri(account), context,
                (status, body, arrivedAt) -> read(account, status, body, arrivedAt));
        if (outcome instanceof RetryingGet.Read<Answer> read) {
            Answer answer = read.value();
            return new Result(account, answer.snapshot(), answer.failure(), answer.refused() ? read.attempts() : 0);
        }
        if (outcome instanceof RetryingGet.RateLimited<Answer> limited) {
            return Result.failed(account, FailureReason.RATE_LIMITED, limited.detail(), 0);
        }
        RetryingGet.Failed<Answer> failed = (RetryingGet.Failed<Answer>) outcome;
        return Result.failed(account, FailureReason.MASTODON_ERROR,
                "Mastodon lookup failed after its retries: " + failed.detail(), failed.attempts());
    }

    /** The answer to one lookup. */
    private static Answer read(AccountId.Mastodon account, int status, String body, Instant arrivedAt) throws Unreadable {
        if (status == 404) {
            return Answer.failed(account, FailureReason.NOT_FOUND, "Mastodon: Record not found", false);
        }
        if (status == 410) {
            return Answer.failed(account, FailureReason.SUSPENDED, "Mastodon answered 410 Gone", false);
        }
        if (status != 200) {
            return Answer.failed(account, FailureReason.MASTODON_ERROR, "Mastodon answered " + status + error(body), true);
        }
        Map<String, Object> entity;
        try {
            // an empty body is no document, not a syntax error
            entity = JsonTrees.object(JsonTrees.read(body));
        } catch (JsonProcessingException e) {
            throw new Unreadable("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Unreadable("not JSON: " + e.getMessage());
        }
        if (entity == null) {
            throw new Unreadable("not an Account entity");
        }
        if (!(entity.get("username") instanceof String username) || !username.equalsIgnoreCase(account.username())) {
            throw new Unreadable("the Account of another user: " + JsonTrees.show(entity.get("username")));
        }
        if (isTrue(entity.get("suspended"))) {
            return Answer.failed(account, FailureReason.SUSPENDED, "Mastodon: the account is suspended", false);
        }
        return Answer.of(new AccountSnapshot(account, PublicMetrics.counts(count(entity, "followers_count"),
                count(entity, "following_count"), count(entity, "statuses_count")), arrivedAt));
    }

    /**
     * A count the entity has: an integer that fits a long (the parser makes a BigInteger only beyond) and is not
     * negative; anything else (absent included) makes the answer unreadable, named as sent.
     */
    private static long count(Map<String, Object> entity, String name) throws Unreadable {
        return JsonTrees.count(entity, name).orElseThrow(
                () -> new Unreadable(name + " is not a non-negative integer: " + JsonTrees.show(entity.get(name))));
    }

    /**
     * Whether a flag is set, read as leniently as the entity always was: true, "true" (spaces around allowed) or a
     * non-zero integer; anything else, absent included, is not set.
     */
    private static boolean isTrue(Object flag) {
        return flag instanceof Boolean b ? b
                : flag instanceof String s ? s.trim().equals("true")
                : flag instanceof Integer || flag instanceof Long ? ((Number) flag).longValue() != 0
                : flag instanceof BigInteger big && big.signum() != 0;
    }

    /** Mastodon's {@code error} text, when the body has one. */
    private static String error(String body) {
        try {
            Map<String, Object> root = JsonTrees.object(JsonTrees.read(body));
            if (root != null && root.get("error") != null) {
                Object error = root.get("error");
                return ": " + (error instanceof Map<?, ?> || error instanceof List<?> ? "" : error);
            }
        } catch (IOException e) {
            // an error page, not JSON: the status says enough
        }
        return "";
    }

    /** Options with defaults (connect 5 s, read 10 s, {@link Backoff#DEFAULT}, margin 500 ms, 4 servers at a time). */
    public static final class Builder {
        private final Route route;
        private RetryingGet.Settings settings = RetryingGet.Settings.defaults();
        private int maxConcurrentServers = 4;

        private Builder(Route route) {
            this.route = route;
        }

        /** Backoff, timeouts, rate-limit margin, log and clock: {@link RetryingGet.Settings#defaults()} unless set. */
        public Builder settings(RetryingGet.Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder maxConcurrentServers(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentServers must be at least 1");
            }
            this.maxConcurrentServers = max;
            return this;
        }

        public MastodonMetricsSource build() {
            return new MastodonMetricsSource(this);
        }
    }
}
