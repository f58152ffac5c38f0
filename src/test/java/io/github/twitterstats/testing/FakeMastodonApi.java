package io.github.twitterstats.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import io.github.twitterstats.domain.AccountId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A strict loopback stand-in for one Mastodon server (one instance, {@link #domain()}), written
 * from docs.joinmastodon.org, not from what this program sends:
 * <ul>
 *   <li>methods/accounts, "Lookup account ID from WebFinger address": {@code GET /api/v1/accounts/lookup}
 *       with the required {@code acct}, "the username or WebFinger address to lookup"; 200 with an
 *       Account, 404 {@code {"error":"Record not found"}} when the username or address does not map
 *       to an account. {@code acct=user} is a local account; {@code acct=user@domain} a local one
 *       when the domain is this server's, else the cached copy of a remote account
 *       ({@link #addRemoteAccount}), which is how one server (MASTODON_API_URL) answers for others;</li>
 *   <li>entities/Account: {@code id}, {@code username}, {@code acct} ({@code username} for local
 *       accounts, {@code username@domain} for remote ones), {@code display_name}, {@code locked},
 *       {@code bot}, {@code group}, {@code discoverable}, {@code created_at}, {@code note}, {@code url},
 *       {@code uri}, {@code avatar}, {@code header}, {@code followers_count}, {@code following_count},
 *       {@code statuses_count}, {@code last_status_at}, {@code emojis}, {@code fields}; and for a
 *       suspended account the extra attribute {@code "suspended": true} (added in 3.3.0, when the account
 *       methods stopped answering 410 Gone for suspended accounts; the lookup method itself came in
 *       3.4.0, so it never answers 410), with the profile emptied as in the documented sample;</li>
 *   <li>api/rate-limits: every response carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}
 *       and {@code X-RateLimit-Reset} (a timestamp; Mastodon sends ISO 8601); the default limit is 300
 *       requests per 5 minutes per IP; over the limit, 429 {@code {"error":"Too many requests"}}.</li>
 * </ul>
 * Stricter than Mastodon, on purpose (each recorded in {@link #problems()}): a parameter other than
 * {@code acct}, a missing or blank {@code acct}, a leading {@code @} in it, and a path other than the
 * lookup (all answered with Mastodon's 404).
 */
public final class FakeMastodonApi extends FakePeer<FakeMastodonApi> {

    public static final String PATH = "/api/v1/accounts/lookup";
    public static final int DEFAULT_RATE_LIMIT = 300;   // per 5 minutes per IP

    private final String domain;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(109_000_000_000_000_001L);
    private final Window window = new Window(DEFAULT_RATE_LIMIT, Duration.ofMinutes(5));

    private FakeMastodonApi(String domain) {
        if (!AccountId.Mastodon.isValidInstance(domain)) {
            throw new IllegalArgumentException("not a host name: " + domain);
        }
        this.domain = domain.toLowerCase(Locale.ROOT);
    }

    /** A server for {@code domain} (say {@code mastodon.social}), listening on 127.0.0.1. */
    public static FakeMastodonApi start(String domain) {
        FakeMastodonApi fake = new FakeMastodonApi(domain);
        fake.startServer();
        return fake;
    }

    public String domain() {
        return domain;
    }

    // ---------------------------------------------------------------- registry

    /** A local account of this server, with distinct, non-zero counts; adjust with its setters. */
    public Account addAccount(String username) {
        return add(username, domain);
    }

    /** This server's cached copy of an account whose home is {@code home}. */
    public Account addRemoteAccount(String username, String home) {
        return add(username, home.toLowerCase(Locale.ROOT));
    }

    private synchronized Account add(String username, String home) {
        if (!AccountId.Mastodon.isValidUsername(username) || !AccountId.Mastodon.isValidInstance(home)) {
            throw new IllegalArgumentException("not a Mastodon account: " + username + "@" + home);
        }
        long n = accounts.size() + 1;
        Account account = new Account(Long.toString(nextId.getAndIncrement()), username, home)
                .followers(3000 + n).following(300 + n).statuses(9000 + n);
        accounts.put(key(username, home), account);
        return account;
    }

    /** Registers {@code count} local accounts {@code prefix1..prefixN} and returns their {@code user@domain}. */
    public List<String> addAccounts(String prefix, int count) {
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> addAccount(prefix + i).username() + "@" + domain).toList();
    }

    public Account account(String username, String home) {
        Account account = accounts.get(key(username, home));
        if (account == null) {
            throw new IllegalArgumentException("no such account in the fake: " + username + "@" + home);
        }
        return account;
    }

    /** Sets the rate-limit window: {@code limit} requests, {@code remaining} left, reset at {@code reset}. */
    public FakeMastodonApi rateLimit(int limit, int remaining, Instant reset) {
        window.set(limit, remaining, reset);
        return this;
    }

    private static String key(String username, String home) {
        return (username + "@" + home).toLowerCase(Locale.ROOT);
    }

    /** An account this server knows. Setters are fluent; changes apply to later answers. */
    public static final class Account {
        private final String id;
        private final String username;
        private final String home;
        private volatile long followers;
        private volatile long following;
        private volatile long statuses;
        private volatile boolean suspended;
        private volatile boolean countsSent = true;

        private Account(String id, String username, String home) {
            this.id = id;
            this.username = username;
            this.home = home;
        }

        public String id() { return id; }
        public String username() { return username; }
        public String home() { return home; }
        public long followers() { return followers; }
        public long following() { return following; }
        public long statuses() { return statuses; }

        public Account followers(long n) { followers = n; return this; }
        public Account following(long n) { following = n; return this; }
        public Account statuses(long n) { statuses = n; return this; }
        /** Suspended: the lookup answers the Account with {@code "suspended": true} and zero counts. */
        public Account suspended() { suspended = true; return this; }
        /** The three counts left out (no Mastodon does that: a broken server or proxy). */
        public Account countsAbsent() { countsSent = false; return this; }
    }

    // ---------------------------------------------------------------- serving

    @Override
    protected Answer route(Request request) {
        String path = URI.create(request.getUrl()).getRawPath();
        if (!path.equals(PATH) || !request.getMethod().getName().equals("GET")) {
            problem("not the lookup method: " + request.getMethod() + " " + path);
            return Answer.of(404, Map.of(), error("Record not found"));
        }
        return served(window, () -> lookup(request));
    }

    private Answer lookup(Request request) {
        Map<String, List<String>> query = parseQuery(URI.create(request.getUrl()).getRawQuery());
        for (String name : query.keySet()) {
            if (!name.equals("acct")) {
                return strictNotFound("this fake accepts only the `acct` parameter, not `" + name + "`");
            }
        }
        List<String> values = query.getOrDefault("acct", List.of());
        if (values.size() != 1 || values.get(0).isBlank()) {
            return strictNotFound("`acct` must be given once and not blank: " + values);
        }
        String acct = values.get(0);
        if (acct.startsWith("@")) {
            return strictNotFound("`acct` is user or user@domain, without a leading @: " + acct);
        }
        int at = acct.indexOf('@');
        String username = at < 0 ? acct : acct.substring(0, at);
        String home = at < 0 ? domain : acct.substring(at + 1).toLowerCase(Locale.ROOT);
        Account account = accounts.get(key(username, home));
        if (account == null) {
            return Answer.of(404, headers(window.remaining(), window.reset()), error("Record not found"));
        }
        return Answer.of(200, headers(window.remaining(), window.reset()), entity(account));
    }

    private ObjectNode entity(Account a) {
        boolean local = a.home.equals(domain);
        ObjectNode e = JSON.createObjectNode();
        e.put("id", a.id);
        e.put("username", a.username);
        e.put("acct", local ? a.username : a.username + "@" + a.home);
        e.put("display_name", a.suspended ? "" : "Display " + a.username);
        e.put("locked", false);
        e.put("bot", false);
        e.put("discoverable", !a.suspended);
        e.put("group", false);
        e.put("created_at", "2022-11-01T00:00:00.000Z");
        e.put("note", a.suspended ? "" : "<p>Fake account " + a.username + "</p>");
        e.put("url", "https://" + a.home + "/@" + a.username);
        e.put("uri", "https://" + a.home + "/users/" + a.username);
        e.put("avatar", "https://" + domain + "/avatars/original/missing.png");
        e.put("avatar_static", "https://" + domain + "/avatars/original/missing.png");
        e.put("header", "https://" + domain + "/headers/original/missing.png");
        e.put("header_static", "https://" + domain + "/headers/original/missing.png");
        if (a.countsSent) {
            e.put("followers_count", a.suspended ? 0 : a.followers);
            e.put("following_count", a.suspended ? 0 : a.following);
            e.put("statuses_count", a.suspended ? 0 : a.statuses);
        }
        if (a.suspended) {
            e.putNull("last_status_at");
            e.put("suspended", true);
        } else {
            e.put("last_status_at", "2026-11-30");
        }
        e.putArray("emojis");
        e.putArray("fields");
        return e;
    }

    private Answer strictNotFound(String why) {
        problem("404 (strict): " + why);
        return Answer.of(404, headers(window.remaining(), window.reset()), error("Record not found"));
    }

    @Override
    protected Answer tooManyRequestsAnswer(Window window, Instant reset) {
        return Answer.of(429, headers(0, reset), error("Too many requests"));
    }

    @Override
    protected Answer malformedAnswer(Window window) {
        return Answer.of(200, Map.of(), "{\"id\":\"1\",\"username\":");
    }

    @Override
    protected Answer errorAnswer(int status) {
        return Answer.of(status, Map.of(), error(status >= 500 ? "We're sorry, but something went wrong" : "Bad request"));
    }

    private Map<String, String> headers(int remaining, Instant reset) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Limit", Integer.toString(window.limit()));
        headers.put("X-RateLimit-Remaining", Integer.toString(remaining));
        headers.put("X-RateLimit-Reset", reset.truncatedTo(ChronoUnit.MILLIS).toString());
        return headers;
    }

    private static ObjectNode error(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        return body;
    }
}
