package io.github.twitterstats.testing;

import static io.github.twitterstats.testing.PeerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twitterstats.config.XCredentials;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake is held to X's documented behaviour with a plain HTTP client, independent of the adapter. */
class FakeXApiTest {

    static final String TOKEN = "fake-test-token";
    final FakeXApi fake = FakeXApi.start(new XCredentials.BearerToken(TOKEN));
    final PeerHttp peer = new PeerHttp(fake.baseUrl());

    @AfterEach
    void stop() {
        fake.close();
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return peer.get(pathAndQuery, "Bearer " + TOKEN);
    }

    @Test
    void answersKnownUnknownAndSuspendedUsersInTheDocumentedShapeWithRateLimitHeaders() throws Exception {
        fake.addAccount("XDevelopers").followers(10).following(2).posts(3).listed(4).likes(5).media(6);
        fake.addAccount("gone").suspended();

        HttpResponse<String> first = get("/2/users/by?usernames=xdevelopers,nosuch,gone&user.fields=public_metrics");
        HttpResponse<String> second = get("/2/users/by?usernames=xdevelopers&user.fields=public_metrics");

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode body = json(first);
        JsonNode user = body.get("data").get(0);
        assertThat(user.get("username").asText()).isEqualTo("XDevelopers");
        assertThat(user.get("id").asText()).matches("\\d+");
        assertThat(user.has("name")).isTrue();
        assertThat(user.get("public_metrics").toString())
                .isEqualTo("{\"followers_count\":10,\"following_count\":2,\"tweet_count\":3,\"listed_count\":4,"
                        + "\"like_count\":5,\"media_count\":6}");
        assertThat(body.get("errors")).hasSize(2);
        assertThat(body.get("errors").get(0).get("title").asText()).isEqualTo("Not Found Error");
        assertThat(body.get("errors").get(0).get("detail").asText()).isEqualTo("Could not find user with usernames: [nosuch].");
        assertThat(body.get("errors").get(0).get("type").asText())
                .isEqualTo("https://api.twitter.com/2/problems/resource-not-found");
        assertThat(body.get("errors").get(1).get("title").asText()).isEqualTo("Forbidden");
        assertThat(body.get("errors").get(1).get("detail").asText()).isEqualTo("User has been suspended: [gone].");
        long remainingFirst = Long.parseLong(first.headers().firstValue("x-rate-limit-remaining").orElseThrow());
        long remainingSecond = Long.parseLong(second.headers().firstValue("x-rate-limit-remaining").orElseThrow());
        assertThat(remainingSecond).isEqualTo(remainingFirst - 1);
        assertThat(first.headers().firstValue("x-rate-limit-limit")).hasValue("300");
        assertThat(Long.parseLong(first.headers().firstValue("x-rate-limit-reset").orElseThrow()))
                .isGreaterThan(Instant.now().getEpochSecond());
    }

    @Test
    void allUnknownHasErrorsAndNoData() throws Exception {
        JsonNode body = json(get("/2/users/by?usernames=a1,b2&user.fields=public_metrics"));

        assertThat(body.has("data")).isFalse();
        assertThat(body.get("errors")).hasSize(2);
    }

    @Test
    void rejectsAMissingOrWrongBearerTokenWith401() throws Exception {
        String query = "/2/users/by?usernames=a&user.fields=public_metrics";

        assertThat(peer.get(query, null).statusCode()).isEqualTo(401);
        assertThat(peer.get(query, "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(peer.get(query, "bearer " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(json(peer.get(query, null)).get("title").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void rejectsAnUnknownRouteWith404() throws Exception {
        assertThat(get("/2/users/by/username?usernames=a&user.fields=public_metrics").statusCode()).isEqualTo(404);
        assertThat(get("/1.1/users/lookup.json?screen_name=a").statusCode()).isEqualTo(404);
    }

    @Test
    void rejectsBadParametersWith400InvalidRequest() throws Exception {
        String hundredAndOne = IntStream.rangeClosed(1, 101).mapToObj(i -> "u" + i).collect(Collectors.joining(","));
        String hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> "u" + i).collect(Collectors.joining(","));

        assertThat(get("/2/users/by?usernames=" + hundred + "&user.fields=public_metrics").statusCode()).isEqualTo(200);
        for (String bad : new String[] {
                "/2/users/by?usernames=" + hundredAndOne + "&user.fields=public_metrics",
                "/2/users/by?usernames=not%20valid&user.fields=public_metrics",
                "/2/users/by?usernames=abcdefghijklmnop&user.fields=public_metrics",
                "/2/users/by?usernames=a,,b&user.fields=public_metrics",
                "/2/users/by?user.fields=public_metrics",
                "/2/users/by?usernames=a",
                "/2/users/by?usernames=a&user.fields=created_at",
                "/2/users/by?usernames=a&user.fields=public_metrics,bogus",
                "/2/users/by?usernames=a&user.fields=public_metrics&expansions=",
                "/2/users/by?usernames=a&user.fields=public_metrics&max_results=5",
                "/2/users/by?usernames=a&usernames=b&user.fields=public_metrics"}) {
            assertInvalidRequest(bad);
        }
    }

    void assertInvalidRequest(String bad) throws Exception {
        HttpResponse<String> response = get(bad);
        assertThat(response.statusCode()).as(bad).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("title").asText()).isEqualTo("Invalid Request");
        assertThat(body.get("type").asText()).isEqualTo("https://api.twitter.com/2/problems/invalid-request");
        assertThat(body.get("errors").get(0).get("message").asText()).isNotBlank();
    }

    @Test
    void injectedFaultsAreServedInOrderThenNormalAnswersResume() throws Exception {
        fake.addAccount("a");
        Instant reset = Instant.now().plusSeconds(42);
        fake.tooManyRequests(1, reset).failWith(503, 1).malformedJson(1).unauthorized(1);
        String query = "/2/users/by?usernames=a&user.fields=public_metrics";

        HttpResponse<String> limited = get(query);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("x-rate-limit-reset")).hasValue(Long.toString(reset.getEpochSecond()));
        assertThat(limited.headers().firstValue("x-rate-limit-remaining")).hasValue("0");
        assertThat(get(query).statusCode()).isEqualTo(503);
        HttpResponse<String> malformed = get(query);
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(malformed.body()).doesNotEndWith("}");
        assertThat(get(query).statusCode()).isEqualTo(401);
        assertThat(get(query).statusCode()).isEqualTo(200);
        assertThat(fake.requests()).extracting(FakeXApi.RecordedRequest::answer)
                .containsExactly("429", "503", "200", "401", "200");
    }

    @Test
    void anExhaustedWindowAnswers429ByItself() throws Exception {
        fake.rateLimit(300, 1, Instant.now().plusSeconds(600));
        String query = "/2/users/by?usernames=a&user.fields=public_metrics";

        assertThat(get(query).statusCode()).isEqualTo(200);
        assertThat(get(query).statusCode()).isEqualTo(429);
    }

    @Test
    void theJournalKeepsPathQueryHeadersAndUsernames() throws Exception {
        get("/2/users/by?usernames=a,B_2&user.fields=public_metrics");

        FakeXApi.RecordedRequest request = fake.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/2/users/by");
        assertThat(request.commaSeparated("usernames")).containsExactly("a", "B_2");
        assertThat(request.header("AUTHORIZATION")).isEqualTo("Bearer " + TOKEN);
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void anOauth1FakeRefusesABearerTokenAndAHeaderWithAForgedSignatureOnBothEndpoints() throws Exception {
        try (FakeXApi oauth = FakeXApi.start(new XCredentials.UserContext("ck", "cs", "at", "ats"))) {
            oauth.addAccount("jack", "12");
            String forged = "OAuth oauth_consumer_key=\"ck\", oauth_nonce=\"n\", oauth_signature=\"AAAA\", "
                    + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1\", oauth_token=\"at\", oauth_version=\"1.0\"";
            PeerHttp oauthPeer = new PeerHttp(oauth.baseUrl());
            for (String url : new String[] {"/2/users/by?usernames=a&user.fields=public_metrics",
                    "/2/users/12/tweets?" + DAY + "&tweet.fields=created_at"}) {
                for (String header : new String[] {"Bearer at", forged}) {
                    HttpResponse<String> response = oauthPeer.get(url, header);
                    assertThat(response.statusCode()).as(url + " " + header).isEqualTo(401);
                }
            }
        }
    }

    // ---------------------------------------------------------------- GET /2/users/:id/tweets

    static final String DAY = "start_time=2026-03-07T00:00:00Z&end_time=2026-03-08T00:00:00Z";

    @Test
    void theTimelinePagesNewestFirstInTheDocumentedShapeWithOnlyTheRequestedFields() throws Exception {
        FakeXApi.Account jack = fake.addAccount("jack", "12").postsOn(java.time.LocalDate.of(2026, 3, 7), 12);
        jack.post(Instant.parse("2026-03-06T23:59:59Z"), "the day before");
        jack.post(Instant.parse("2026-03-08T00:00:00Z"), "end_time is exclusive");
        String query = "/2/users/12/tweets?" + DAY + "&max_results=5&tweet.fields=created_at,lang";

        JsonNode first = json(get(query));
        JsonNode second = json(get(query + "&pagination_token=" + first.get("meta").get("next_token").asText()));
        JsonNode third = json(get(query + "&pagination_token=" + second.get("meta").get("next_token").asText()));

        assertThat(fake.problems()).isEmpty();
        assertThat(first.get("data")).hasSize(5);
        assertThat(first.get("meta").get("result_count").asInt()).isEqualTo(5);
        assertThat(first.get("meta").get("newest_id").asText()).isEqualTo(first.get("data").get(0).get("id").asText());
        assertThat(first.get("meta").get("oldest_id").asText()).isEqualTo(first.get("data").get(4).get("id").asText());
        assertThat(first.get("meta").has("previous_token")).isFalse();
        assertThat(second.get("meta").has("previous_token")).isTrue();
        assertThat(third.get("data")).hasSize(2);
        assertThat(third.get("meta").has("next_token")).isFalse();
        JsonNode post = first.get("data").get(0);
        assertThat(post.get("created_at").asText()).startsWith("2026-03-07T");
        assertThat(post.has("lang")).isTrue();
        assertThat(post.has("author_id")).as("not requested").isFalse();
        assertThat(post.has("public_metrics")).as("not requested").isFalse();
        List<Instant> times = new java.util.ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("data").forEach(p -> times.add(Instant.parse(p.get("created_at").asText())));
        }
        assertThat(times).hasSize(12).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(get("/2/users/12/tweets?" + DAY + "&tweet.fields=created_at").headers()
                .firstValue("x-rate-limit-limit")).hasValue("1500");
    }

    @Test
    void anEmptyPageHasNoDataAndResultCountZero() throws Exception {
        fake.addAccount("quiet", "14");

        JsonNode body = json(get("/2/users/14/tweets?" + DAY + "&tweet.fields=created_at"));

        assertThat(body.has("data")).isFalse();
        assertThat(body.get("meta").toString()).isEqualTo("{\"result_count\":0}");
    }

    @Test
    void anUnknownOrSuspendedUserIdIsA200WithAResourceNotFoundProblem() throws Exception {
        fake.addAccount("gone", "77").suspended();

        HttpResponse<String> unknown = get("/2/users/99/tweets?" + DAY + "&tweet.fields=created_at");
        HttpResponse<String> suspended = get("/2/users/77/tweets?" + DAY + "&tweet.fields=created_at");

        assertThat(unknown.statusCode()).isEqualTo(200);
        JsonNode notFound = json(unknown);
        assertThat(notFound.has("data")).isFalse();
        assertThat(notFound.get("errors").get(0).get("title").asText()).isEqualTo("Not Found Error");
        assertThat(notFound.get("errors").get(0).get("detail").asText()).isEqualTo("Could not find user with id: [99].");
        assertThat(notFound.get("errors").get(0).get("parameter").asText()).isEqualTo("id");
        assertThat(notFound.get("errors").get(0).get("type").asText())
                .isEqualTo("https://api.twitter.com/2/problems/resource-not-found");
        assertThat(suspended.statusCode()).isEqualTo(200);
        assertThat(json(suspended).get("errors").get(0).get("title").asText()).isEqualTo("Forbidden");
    }

    @Test
    void rejectsBadTimelineParametersWith400InvalidRequest() throws Exception {
        fake.addAccount("jack", "12").postsOn(java.time.LocalDate.of(2026, 3, 7), 20);
        String ok = "/2/users/12/tweets?" + DAY + "&max_results=5&tweet.fields=created_at";
        String token = json(get(ok)).get("meta").get("next_token").asText();
        assertThat(get(ok + "&pagination_token=" + token).statusCode()).isEqualTo(200);
        assertThat(fake.problems()).isEmpty();

        for (String bad : new String[] {
                "/2/users/12/tweets?" + DAY + "&max_results=4&tweet.fields=created_at",
                "/2/users/12/tweets?" + DAY + "&max_results=101&tweet.fields=created_at",
                "/2/users/12/tweets?" + DAY + "&max_results=ten&tweet.fields=created_at",
                "/2/users/12/tweets?start_time=2026-03-07&end_time=2026-03-08T00:00:00Z&tweet.fields=created_at",
                "/2/users/12/tweets?start_time=2026-03-07T00:00:00Z&tweet.fields=created_at",
                "/2/users/12/tweets?start_time=2026-03-08T00:00:00Z&end_time=2026-03-07T00:00:00Z&tweet.fields=created_at",
                "/2/users/12/tweets?" + DAY + "&tweet.fields=created_at,bogus",
                "/2/users/12/tweets?" + DAY + "&tweet.fields=text",
                "/2/users/12/tweets?" + DAY,
                "/2/users/12/tweets?" + DAY + "&tweet.fields=created_at&count=5",
                "/2/users/12/tweets?" + DAY + "&tweet.fields=created_at&since_id=1",
                "/2/users/12/tweets?" + DAY + "&tweet.fields=created_at&tweet.fields=text",
                "/2/users/12/tweets?" + DAY + "&tweet.fields=created_at&pagination_token=made-up",
                "/2/users/12/tweets?" + DAY + "&max_results=10&tweet.fields=created_at&pagination_token=" + token,
                "/2/users/jack/tweets?" + DAY + "&tweet.fields=created_at"}) {
            assertInvalidRequest(bad);
        }
        assertThat(fake.problems()).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void faultsAuthenticationAndRateLimitsApplyToTheTimelineToo() throws Exception {
        fake.addAccount("jack", "12").postsOn(java.time.LocalDate.of(2026, 3, 7), 3);
        fake.addAccount("broken", "15").timelineFailsWith(503);
        String query = "/2/users/12/tweets?" + DAY + "&tweet.fields=created_at";
        // Two drops: the JDK's HTTP/1.1 client silently repeats a GET once when its connection is reset.
        fake.tooManyRequests(1, Instant.now().plusSeconds(42)).failWith(500, 1).malformedJson(1).dropConnections(2);

        assertThat(get(query).statusCode()).isEqualTo(429);
        assertThat(get(query).statusCode()).isEqualTo(500);
        assertThat(get(query).body()).doesNotEndWith("}");
        assertThatThrownBy(() -> get(query)).as("connection reset").isInstanceOf(java.io.IOException.class);
        assertThat(get(query).statusCode()).isEqualTo(200);
        assertThat(peer.get(query, "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("/2/users/15/tweets?" + DAY + "&tweet.fields=created_at").statusCode()).isEqualTo(503);

        fake.timelineRateLimit(1500, 0, Instant.now().plusSeconds(600));
        assertThat(get(query).statusCode()).isEqualTo(429);
        assertThat(get("/2/users/by?usernames=jack&user.fields=public_metrics").statusCode())
                .as("users lookup has a window of its own").isEqualTo(200);
        assertThat(fake.requests()).filteredOn(FakeXApi::isTimeline).hasSize(9);
    }

    @Test
    void percentEncodingFollowsRfc5849() {
        assertThat(FakeXApi.percentEncode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
        assertThat(FakeXApi.percentEncode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
        assertThat(FakeXApi.percentEncode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
        assertThat(FakeXApi.percentEncode("☃")).isEqualTo("%E2%98%83");
        assertThat(FakeXApi.percentEncode("-._~")).isEqualTo("-._~");
    }
}
