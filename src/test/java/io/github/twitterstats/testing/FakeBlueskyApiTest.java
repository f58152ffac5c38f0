package io.github.twitterstats.testing;

import static io.github.twitterstats.testing.PeerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Bluesky AppView is as strict as the lexicon and XRPC documents say, over real HTTP. */
class FakeBlueskyApiTest {

    final FakeBlueskyApi fake = FakeBlueskyApi.start();
    final PeerHttp peer = new PeerHttp(fake.baseUrl());

    @AfterEach
    void stop() {
        fake.close();
    }

    static String actors(List<String> actors) {
        return FakeBlueskyApi.PATH + "?" + actors.stream().map(a -> "actors=" + a).collect(Collectors.joining("&"));
    }

    @Test
    void answersKnownActorsByHandleOrDidAndLeavesUnknownOnesOut() throws Exception {
        FakeBlueskyApi.Profile nasa = fake.addAccount("nasa.bsky.social").followers(1_234_567).follows(89).posts(4321);
        FakeBlueskyApi.Profile esa = fake.addAccount("esa.int");

        HttpResponse<String> response = peer.get(actors(List.of("NASA.bsky.social", "nobody.bsky.social", esa.did(),
                "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode profiles = json(response).get("profiles");
        assertThat(profiles).hasSize(2);
        JsonNode first = profiles.get(0);
        assertThat(first.get("did").asText()).isEqualTo(nasa.did()).startsWith("did:plc:").hasSize(32);
        assertThat(first.get("handle").asText()).isEqualTo("nasa.bsky.social");
        assertThat(first.get("followersCount").asLong()).isEqualTo(1_234_567);
        assertThat(first.get("followsCount").asLong()).isEqualTo(89);
        assertThat(first.get("postsCount").asLong()).isEqualTo(4321);
        assertThat(first.has("displayName")).isTrue();
        assertThat(first.has("indexedAt")).isTrue();
        assertThat(profiles.get(1).get("handle").asText()).isEqualTo("esa.int");
        assertThat(fake.problems()).isEmpty();
    }

    @Test
    void takesOneToTwentyFiveActors() throws Exception {
        List<String> handles = fake.addAccounts("a", 26);

        assertThat(peer.get(actors(handles.subList(0, 25))).statusCode()).isEqualTo(200);
        assertThat(fake.problems()).isEmpty();

        HttpResponse<String> tooMany = peer.get(actors(handles));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).get("error").asText()).isEqualTo("InvalidRequest");
        assertThat(json(tooMany).get("message").asText()).contains("25");

        HttpResponse<String> none = peer.get(FakeBlueskyApi.PATH);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).get("error").asText()).isEqualTo("InvalidRequest");
        assertThat(fake.problems()).hasSize(2);
    }

    @Test
    void refusesAnActorThatIsNeitherAHandleNorADid() throws Exception {
        for (String bad : List.of("nasa", "nasa..bsky.social", "-nasa.bsky.social", "did:PLC:abc", "did:plc:")) {
            HttpResponse<String> response = peer.get(actors(List.of("ok.bsky.social", bad)));
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(response).get("message").asText()).as(bad).contains("actors/1");
        }
        assertThat(fake.problems()).hasSize(5);
    }

    @Test
    void refusesOtherParametersMethodsAndPaths() throws Exception {
        assertThat(peer.get(FakeBlueskyApi.PATH + "?actors=a.bsky.social&limit=5").statusCode()).isEqualTo(400);
        assertThat(peer.get(FakeBlueskyApi.PATH + "?actor=a.bsky.social").statusCode()).isEqualTo(400);
        HttpResponse<String> unknownMethod = peer.get("/xrpc/app.bsky.actor.getProfile?actor=a.bsky.social");
        assertThat(unknownMethod.statusCode()).isEqualTo(501);
        assertThat(json(unknownMethod).get("error").asText()).isEqualTo("MethodNotImplemented");
        HttpResponse<String> post = peer.post(actors(List.of("a.bsky.social")));
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(fake.problems()).hasSize(4);
    }

    @Test
    void sendsRateLimitHeadersAndAnswers429OnceTheWindowIsUsedUp() throws Exception {
        Instant reset = Instant.now().plusSeconds(120);
        fake.addAccount("a.bsky.social");
        fake.rateLimit(3000, 2, reset);

        HttpResponse<String> first = peer.get(actors(List.of("a.bsky.social")));
        assertThat(first.headers().firstValue("ratelimit-limit")).hasValue("3000");
        assertThat(first.headers().firstValue("ratelimit-remaining")).hasValue("1");
        assertThat(first.headers().firstValue("ratelimit-reset")).hasValue(Long.toString(reset.getEpochSecond()));
        assertThat(first.headers().firstValue("ratelimit-policy")).hasValue("3000;w=300");
        assertThat(peer.get(actors(List.of("a.bsky.social"))).headers().firstValue("ratelimit-remaining")).hasValue("0");

        HttpResponse<String> limited = peer.get(actors(List.of("a.bsky.social")));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("error").asText()).isEqualTo("RateLimitExceeded");
        assertThat(limited.headers().firstValue("ratelimit-reset")).hasValue(Long.toString(reset.getEpochSecond()));
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void servesQueuedFaultsInOrderThenAnswersNormally() throws Exception {
        Instant reset = Instant.now().plusSeconds(30);
        fake.addAccount("a.bsky.social");
        fake.tooManyRequests(1, reset).failWith(503, 1).malformedJson(1).dropConnections(2);

        HttpResponse<String> limited = peer.get(actors(List.of("a.bsky.social")));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("ratelimit-reset")).hasValue(Long.toString(reset.getEpochSecond()));
        assertThat(peer.get(actors(List.of("a.bsky.social"))).statusCode()).isEqualTo(503);
        HttpResponse<String> malformed = peer.get(actors(List.of("a.bsky.social")));
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> json(malformed)).isInstanceOf(IOException.class);
        // the JDK client sends a GET again, once, when the connection drops before any answer: two drops reach the caller
        assertThatThrownBy(() -> peer.get(actors(List.of("a.bsky.social")))).isInstanceOf(IOException.class);
        assertThat(json(peer.get(actors(List.of("a.bsky.social")))).get("profiles")).hasSize(1);

        assertThat(fake.requests()).extracting(FakePeer.RecordedRequest::answer)
                .containsExactly("429", "503", "200", "CONNECTION_RESET_BY_PEER", "CONNECTION_RESET_BY_PEER", "200");
    }

    @Test
    void holdsAnswersBackWhenAskedToBeSlow() throws Exception {
        fake.delayResponses(Duration.ofMillis(300));
        long start = System.nanoTime();
        peer.get(actors(List.of("a.bsky.social")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void journalsRepeatedActorsParameters() throws Exception {
        peer.get(actors(IntStream.rangeClosed(1, 3).mapToObj(i -> "x" + i + ".bsky.social").toList()));

        assertThat(fake.requests().get(0).params("actors")).containsExactly("x1.bsky.social", "x2.bsky.social", "x3.bsky.social");
        assertThat(json(peer.get(actors(List.of("x1.bsky.social")))).get("profiles")).isEmpty();
    }

    @Test
    void leavesTakenDownAccountsOutAndMayOmitCounts() throws Exception {
        fake.addAccount("gone.bsky.social").takenDown();
        fake.addAccount("bare.bsky.social").countsAbsent();

        JsonNode profiles = json(peer.get(actors(List.of("gone.bsky.social", "bare.bsky.social")))).get("profiles");
        assertThat(profiles).hasSize(1);
        assertThat(profiles.get(0).has("followersCount")).isFalse();
    }
}
