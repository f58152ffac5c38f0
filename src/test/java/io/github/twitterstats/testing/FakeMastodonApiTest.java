package io.github.twitterstats.testing;

import static io.github.twitterstats.testing.PeerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Mastodon server is as strict as docs.joinmastodon.org says, over real HTTP. */
class FakeMastodonApiTest {

    final FakeMastodonApi fake = FakeMastodonApi.start("mastodon.social");
    final PeerHttp peer = new PeerHttp(fake.baseUrl());

    @AfterEach
    void stop() {
        fake.close();
    }

    HttpResponse<String> lookup(String acct) throws Exception {
        return peer.get(FakeMastodonApi.PATH + "?acct=" + URLEncoder.encode(acct, StandardCharsets.UTF_8));
    }

    @Test
    void answersALocalAccountWithTheAccountEntity() throws Exception {
        FakeMastodonApi.Account alice = fake.addAccount("Alice").followers(1500).following(42).statuses(777);

        for (String acct : new String[] {"Alice", "alice", "alice@mastodon.social", "ALICE@Mastodon.Social"}) {
            HttpResponse<String> response = lookup(acct);
            assertThat(response.statusCode()).as(acct).isEqualTo(200);
            JsonNode account = json(response);
            assertThat(account.get("id").asText()).isEqualTo(alice.id());
            assertThat(account.get("username").asText()).isEqualTo("Alice");
            assertThat(account.get("acct").asText()).isEqualTo("Alice");
            assertThat(account.get("followers_count").asLong()).isEqualTo(1500);
            assertThat(account.get("following_count").asLong()).isEqualTo(42);
            assertThat(account.get("statuses_count").asLong()).isEqualTo(777);
            assertThat(account.has("suspended")).isFalse();
            assertThat(account.has("display_name")).isTrue();
            assertThat(account.has("created_at")).isTrue();
        }
        assertThat(fake.problems()).isEmpty();
    }

    @Test
    void answersACachedRemoteAccountOnlyByItsFullAddress() throws Exception {
        fake.addRemoteAccount("bob", "fosstodon.org");

        JsonNode bob = json(lookup("bob@fosstodon.org"));
        assertThat(bob.get("acct").asText()).isEqualTo("bob@fosstodon.org");
        assertThat(bob.get("username").asText()).isEqualTo("bob");
        assertThat(lookup("bob").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownAccountIsRecordNotFound() throws Exception {
        HttpResponse<String> response = lookup("nobody");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"Record not found\"}");
        assertThat(fake.problems()).isEmpty();
    }

    @Test
    void aSuspendedAccountIsAnAccountMarkedSuspendedWithItsProfileEmptied() throws Exception {
        fake.addAccount("banned").suspended();

        HttpResponse<String> response = lookup("banned");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode account = json(response);
        assertThat(account.get("suspended").asBoolean()).isTrue();
        assertThat(account.get("followers_count").asLong()).isZero();
        assertThat(account.get("display_name").asText()).isEmpty();
    }

    @Test
    void refusesWhatMastodonWouldNotDocumentAndRecordsItAsAProblem() throws Exception {
        fake.addAccount("alice");

        assertThat(peer.get(FakeMastodonApi.PATH).statusCode()).isEqualTo(404);
        assertThat(lookup("@alice").statusCode()).isEqualTo(404);
        assertThat(peer.get(FakeMastodonApi.PATH + "?acct=alice&resolve=true").statusCode()).isEqualTo(404);
        assertThat(peer.get(FakeMastodonApi.PATH + "?acct=alice&acct=bob").statusCode()).isEqualTo(404);
        assertThat(peer.get("/api/v1/accounts/search?q=alice").statusCode()).isEqualTo(404);

        assertThat(fake.problems()).hasSize(5);
    }

    @Test
    void sendsRateLimitHeadersAndAnswers429OnceTheWindowIsUsedUp() throws Exception {
        Instant reset = Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.MILLIS);
        fake.addAccount("alice");
        fake.rateLimit(300, 1, reset);

        HttpResponse<String> first = lookup("alice");
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).hasValue("300");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(Instant.parse(first.headers().firstValue("X-RateLimit-Reset").orElseThrow())).isEqualTo(reset);

        HttpResponse<String> limited = lookup("alice");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("error").asText()).isEqualTo("Too many requests");
        assertThat(Instant.parse(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow())).isEqualTo(reset);
    }

    @Test
    void servesQueuedFaultsInOrderThenAnswersNormally() throws Exception {
        fake.addAccount("alice");
        fake.tooManyRequests(1, Instant.now().plusSeconds(5)).failWith(502, 1).malformedJson(1).emptyResponses(2);

        assertThat(lookup("alice").statusCode()).isEqualTo(429);
        assertThat(lookup("alice").statusCode()).isEqualTo(502);
        HttpResponse<String> malformed = lookup("alice");
        assertThatThrownBy(() -> json(malformed)).isInstanceOf(IOException.class);
        // the JDK client sends a GET again, once, when the connection closes before any answer: two reach the caller
        assertThatThrownBy(() -> lookup("alice")).isInstanceOf(IOException.class);
        assertThat(lookup("alice").statusCode()).isEqualTo(200);
        assertThat(fake.requests()).extracting(FakePeer.RecordedRequest::answer)
                .containsExactly("429", "502", "200", "EMPTY_RESPONSE", "EMPTY_RESPONSE", "200");
    }

    @Test
    void twoServersAreTwoPeersWithTheirOwnAccounts() throws Exception {
        try (FakeMastodonApi other = FakeMastodonApi.start("fosstodon.org")) {
            other.addAccount("carol");

            assertThat(other.baseUrl()).isNotEqualTo(fake.baseUrl());
            assertThat(lookup("carol").statusCode()).isEqualTo(404);
            HttpResponse<String> atHome = new PeerHttp(other.baseUrl()).get(FakeMastodonApi.PATH + "?acct=carol");
            assertThat(json(atHome).get("acct").asText()).isEqualTo("carol");
        }
    }
}
