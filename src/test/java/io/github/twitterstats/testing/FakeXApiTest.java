package io.github.twitterstats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.config.XCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake is held to X's documented behaviour with a plain HTTP client, independent of the adapter. */
class FakeXApiTest {

    static final String TOKEN = "fake-test-token";
    final FakeXApi fake = FakeXApi.start(new XCredentials.BearerToken(TOKEN));
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() {
        fake.close();
    }

    HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, "Bearer " + TOKEN);
    }

    @Test
    void answers_known_unknown_and_suspended_users_in_the_documented_shape_with_rate_limit_headers() throws Exception {
        fake.addAccount("XDevelopers").followers(10).following(2).posts(3).listed(4).likes(5).media(6);
        fake.addAccount("gone").suspended();

        HttpResponse<String> first = get("/2/users/by?usernames=xdevelopers,nosuch,gone&user.fields=public_metrics");
        HttpResponse<String> second = get("/2/users/by?usernames=xdevelopers&user.fields=public_metrics");

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(first.body());
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
    void all_unknown_has_errors_and_no_data() throws Exception {
        JsonNode body = json.readTree(get("/2/users/by?usernames=a1,b2&user.fields=public_metrics").body());

        assertThat(body.has("data")).isFalse();
        assertThat(body.get("errors")).hasSize(2);
    }

    @Test
    void rejects_a_missing_or_wrong_bearer_token_with_401() throws Exception {
        String query = "/2/users/by?usernames=a&user.fields=public_metrics";

        assertThat(get(query, null).statusCode()).isEqualTo(401);
        assertThat(get(query, "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get(query, "bearer " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(json.readTree(get(query, null).body()).get("title").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void rejects_an_unknown_route_with_404() throws Exception {
        assertThat(get("/2/users/by/username?usernames=a&user.fields=public_metrics").statusCode()).isEqualTo(404);
        assertThat(get("/1.1/users/lookup.json?screen_name=a").statusCode()).isEqualTo(404);
    }

    @Test
    void rejects_bad_parameters_with_400_invalid_request() throws Exception {
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
            HttpResponse<String> response = get(bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("title").asText()).isEqualTo("Invalid Request");
            assertThat(body.get("type").asText()).isEqualTo("https://api.twitter.com/2/problems/invalid-request");
            assertThat(body.get("errors").get(0).get("message").asText()).isNotBlank();
        }
    }

    @Test
    void injected_faults_are_served_in_order_then_normal_answers_resume() throws Exception {
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
    void an_exhausted_window_answers_429_by_itself() throws Exception {
        fake.rateLimit(300, 1, Instant.now().plusSeconds(600));
        String query = "/2/users/by?usernames=a&user.fields=public_metrics";

        assertThat(get(query).statusCode()).isEqualTo(200);
        assertThat(get(query).statusCode()).isEqualTo(429);
    }

    @Test
    void the_journal_keeps_path_query_headers_and_usernames() throws Exception {
        get("/2/users/by?usernames=a,B_2&user.fields=public_metrics");

        FakeXApi.RecordedRequest request = fake.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/2/users/by");
        assertThat(request.usernames()).containsExactly("a", "B_2");
        assertThat(request.header("AUTHORIZATION")).isEqualTo("Bearer " + TOKEN);
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void an_oauth1_fake_refuses_a_bearer_token_and_a_header_with_a_forged_signature() throws Exception {
        try (FakeXApi oauth = FakeXApi.start(new XCredentials.UserContext("ck", "cs", "at", "ats"))) {
            String url = oauth.baseUrl() + "/2/users/by?usernames=a&user.fields=public_metrics";
            String forged = "OAuth oauth_consumer_key=\"ck\", oauth_nonce=\"n\", oauth_signature=\"AAAA\", "
                    + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1\", oauth_token=\"at\", oauth_version=\"1.0\"";
            for (String header : new String[] {"Bearer at", forged}) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", header).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(header).isEqualTo(401);
            }
        }
    }

    @Test
    void percent_encoding_follows_rfc_5849() {
        assertThat(FakeXApi.percentEncode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
        assertThat(FakeXApi.percentEncode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
        assertThat(FakeXApi.percentEncode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
        assertThat(FakeXApi.percentEncode("☃")).isEqualTo("%E2%98%83");
        assertThat(FakeXApi.percentEncode("-._~")).isEqualTo("-._~");
    }
}
