package io.github.twitterstats.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import io.github.twitterstats.domain.AccountId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A strict loopback stand-in for Bluesky's public AppView ({@code https://public.api.bsky.app}),
 * written from the public documentation, not from what this program sends:
 * <ul>
 *   <li>the lexicon {@code app.bsky.actor.getProfiles} (github.com/bluesky-social/atproto,
 *       lexicons/app/bsky/actor/getProfiles.json; docs.bsky.app/docs/api/app-bsky-actor-get-profiles):
 *       a query (HTTP GET) with the required, repeated parameter {@code actors}, 1 to 25 values, each
 *       an {@code at-identifier} (a handle or a DID); the output {@code {"profiles": [profileViewDetailed]}};</li>
 *   <li>{@code app.bsky.actor.defs#profileViewDetailed}: {@code did} and {@code handle} required;
 *       {@code displayName}, {@code description}, {@code avatar}, {@code banner}, {@code followersCount},
 *       {@code followsCount}, {@code postsCount}, {@code associated}, {@code indexedAt}, {@code createdAt},
 *       {@code viewer}, {@code labels} optional;</li>
 *   <li>XRPC (atproto.com/specs/xrpc): errors are {@code {"error": name, "message": text}}; a bad
 *       parameter is 400 {@code InvalidRequest}; an unknown method 501 {@code MethodNotImplemented};</li>
 *   <li>handle and DID syntax: atproto.com/specs/handle, atproto.com/specs/did (the rules of
 *       {@link AccountId.Bluesky}, written from the same specs);</li>
 *   <li>rate limits (docs.bsky.app/docs/advanced-guides/rate-limits): the AppView allows 3000
 *       requests per 5 minutes per IP and answers with the IETF draft headers {@code ratelimit-limit},
 *       {@code ratelimit-remaining}, {@code ratelimit-reset} (epoch seconds) and {@code ratelimit-policy};
 *       over the limit, 429 {@code RateLimitExceeded}.</li>
 * </ul>
 * Actors the AppView does not know are left out of {@code profiles}; the order of the answer
 * follows the request, an actor asked twice answers once. Stricter than the AppView, on purpose:
 * parameters other than {@code actors} are a 400 (the AppView ignores them) and are recorded in
 * {@link #problems()} like every other 400.
 */
public final class FakeBlueskyApi extends FakePeer<FakeBlueskyApi> {

    public static final String PATH = "/xrpc/app.bsky.actor.getProfiles";
    public static final int MAX_ACTORS = 25;
    public static final int DEFAULT_RATE_LIMIT = 3000;   // per 5 minutes per IP
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private final Map<String, Profile> byHandle = new ConcurrentHashMap<>();
    private final Map<String, Profile> byDid = new ConcurrentHashMap<>();
    private final AtomicLong nextDid = new AtomicLong(1_000_003L);
    private final Window window = new Window(DEFAULT_RATE_LIMIT, Duration.ofMinutes(5));

    private FakeBlueskyApi() {
    }

    public static FakeBlueskyApi start() {
        FakeBlueskyApi fake = new FakeBlueskyApi();
        fake.startServer();
        return fake;
    }

    // ---------------------------------------------------------------- registry

    /** Registers an account with a fresh did:plc and distinct, non-zero counts; adjust with its setters. */
    public Profile addAccount(String handle) {
        long n = nextDid.getAndIncrement();
        StringBuilder id = new StringBuilder();
        for (long v = n; v > 0; v /= 32) {
            id.insert(0, BASE32.charAt((int) (v % 32)));
        }
        while (id.length() < 24) {
            id.insert(0, BASE32.charAt(id.length() % 32));
        }
        return addAccount(handle, "did:plc:" + id);
    }

    public synchronized Profile addAccount(String handle, String did) {
        if (!AccountId.Bluesky.isValidHandle(handle) || !AccountId.Bluesky.isValidDid(did) || byDid.containsKey(did)) {
            throw new IllegalArgumentException("a valid handle and a new valid DID: " + handle + " " + did);
        }
        long n = byDid.size() + 1;
        Profile profile = new Profile(handle, did).followers(2000 + n).follows(200 + n).posts(7000 + n);
        byHandle.put(handle.toLowerCase(Locale.ROOT), profile);
        byDid.put(did, profile);
        return profile;
    }

    /** Registers {@code count} accounts {@code prefix1.bsky.social..prefixN.bsky.social} and returns their handles. */
    public List<String> addAccounts(String prefix, int count) {
        List<String> handles = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            handles.add(addAccount(prefix + i + ".bsky.social").handle());
        }
        return handles;
    }

    public Profile account(String handleOrDid) {
        Profile profile = handleOrDid.startsWith("did:") ? byDid.get(handleOrDid)
                : byHandle.get(handleOrDid.toLowerCase(Locale.ROOT));
        if (profile == null) {
            throw new IllegalArgumentException("no such account in the fake: " + handleOrDid);
        }
        return profile;
    }

    /** Sets the rate-limit window: {@code limit} requests, {@code remaining} left, reset at {@code reset}. */
    public FakeBlueskyApi rateLimit(int limit, int remaining, Instant reset) {
        window.set(limit, remaining, reset);
        return this;
    }

    /** An account the AppView knows. Setters are fluent; changes apply to later answers. */
    public static final class Profile {
        private final String handle;
        private final String did;
        private volatile long followers;
        private volatile long follows;
        private volatile long posts;
        private volatile boolean countsSent = true;
        private volatile boolean takenDown;

        private Profile(String handle, String did) {
            this.handle = handle;
            this.did = did;
        }

        public String handle() { return handle; }
        public String did() { return did; }
        public long followers() { return followers; }
        public long follows() { return follows; }
        public long posts() { return posts; }

        public Profile followers(long n) { followers = n; return this; }
        public Profile follows(long n) { follows = n; return this; }
        public Profile posts(long n) { posts = n; return this; }
        /** The three counts left out of the profile (the lexicon makes them optional). */
        public Profile countsAbsent() { countsSent = false; return this; }
        /** Taken down by moderation: the AppView leaves it out of answers, as if unknown. */
        public Profile takenDown() { takenDown = true; return this; }
    }

    // ---------------------------------------------------------------- serving

    @Override
    protected Answer route(Request request) {
        String path = URI.create(request.getUrl()).getRawPath();
        if (!path.startsWith("/xrpc/")) {
            problem("not an XRPC path: " + path);
            return Answer.of(404, Map.of(), error("NotFound", "Not Found"));
        }
        if (!path.equals(PATH)) {
            problem("method not implemented: " + path);
            return Answer.of(501, Map.of(), error("MethodNotImplemented", "Method Not Implemented"));
        }
        if (!request.getMethod().getName().equals("GET")) {
            problem("a query is a GET, not " + request.getMethod().getName());
            return Answer.of(400, Map.of(), error("InvalidRequest", "Incorrect HTTP method (" + request.getMethod() + ")"));
        }
        return served(window, () -> getProfiles(request));
    }

    private Answer getProfiles(Request request) {
        Map<String, List<String>> query = parseQuery(URI.create(request.getUrl()).getRawQuery());
        for (String name : query.keySet()) {
            if (!name.equals("actors")) {
                return invalid("this fake accepts only the `actors` parameter, not `" + name + "`");
            }
        }
        List<String> actors = query.getOrDefault("actors", List.of());
        if (actors.isEmpty()) {
            return invalid("Params must have the property \"actors\"");
        }
        if (actors.size() > MAX_ACTORS) {
            return invalid("actors must not have more than " + MAX_ACTORS + " elements");
        }
        for (int i = 0; i < actors.size(); i++) {
            if (!AccountId.Bluesky.isValidHandle(actors.get(i)) && !isDidSyntax(actors.get(i))) {
                return invalid("actors/" + i + " must be a valid did or a handle");
            }
        }
        Set<Profile> found = new LinkedHashSet<>();
        for (String actor : actors) {
            Profile profile = actor.startsWith("did:") ? byDid.get(actor) : byHandle.get(actor.toLowerCase(Locale.ROOT));
            if (profile != null && !profile.takenDown) {
                found.add(profile);
            }
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode profiles = body.putArray("profiles");
        found.forEach(p -> profiles.add(view(p)));
        return Answer.of(200, headers(window.remaining(), window.reset()), body);
    }

    /** A DID in the general syntax (atproto.com/specs/did): the AppView accepts any method at the syntax level. */
    private static boolean isDidSyntax(String s) {
        return s.length() <= 2048 && s.matches("^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$");
    }

    private static ObjectNode view(Profile p) {
        ObjectNode view = JSON.createObjectNode();
        view.put("did", p.did);
        view.put("handle", p.handle.toLowerCase(Locale.ROOT));
        view.put("displayName", "Display " + p.handle);
        view.put("description", "Fake profile of " + p.handle);
        view.put("avatar", "https://cdn.bsky.app/img/avatar/plain/" + p.did + "/bafkreiavatar@jpeg");
        if (p.countsSent) {
            view.put("followersCount", p.followers);
            view.put("followsCount", p.follows);
            view.put("postsCount", p.posts);
        }
        ObjectNode associated = view.putObject("associated");
        associated.put("lists", 0).put("feedgens", 0).put("starterPacks", 0).put("labeler", false);
        view.put("indexedAt", "2024-01-01T00:00:00.000Z");
        view.put("createdAt", "2023-04-01T00:00:00.000Z");
        view.putObject("viewer").put("muted", false).put("blockedBy", false);
        view.putArray("labels");
        return view;
    }

    private Answer invalid(String message) {
        problem("400 InvalidRequest: " + message);
        return Answer.of(400, headers(window.remaining(), window.reset()), error("InvalidRequest", "Error: " + message));
    }

    @Override
    protected Answer tooManyRequestsAnswer(Window window, Instant reset) {
        return Answer.of(429, headers(0, reset), error("RateLimitExceeded", "Rate Limit Exceeded"));
    }

    @Override
    protected Answer malformedAnswer(Window window) {
        return Answer.of(200, Map.of(), "{\"profiles\":[{\"did\":\"did:plc:");
    }

    @Override
    protected Answer errorAnswer(int status) {
        return Answer.of(status, Map.of(), error(status >= 500 ? "InternalServerError" : "InvalidRequest",
                status >= 500 ? "Internal Server Error" : "Bad Request"));
    }

    private Map<String, String> headers(int remaining, Instant reset) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ratelimit-limit", Integer.toString(window.limit()));
        headers.put("ratelimit-remaining", Integer.toString(remaining));
        headers.put("ratelimit-reset", Long.toString(reset.getEpochSecond()));
        headers.put("ratelimit-policy", window.limit() + ";w=300");
        return headers;
    }

    private static ObjectNode error(String name, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", name);
        body.put("message", message);
        return body;
    }
}
