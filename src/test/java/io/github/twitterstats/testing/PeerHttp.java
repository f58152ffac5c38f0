package io.github.twitterstats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain JDK client on one loopback peer, for the tests that hold a fake to its network's
 * documentation independently of the adapters: 2 s to connect, 5 s for an answer, and HTTP/1.1, as
 * the adapters speak it (the JDK client's default h2c upgrade against Jetty sometimes left a request
 * hanging until an EOF 30 s later).
 */
final class PeerHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI peer;

    PeerHttp(URI peer) {
        this.peer = peer;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET());
    }

    /** A GET with this {@code Authorization} header, or none if null. */
    HttpResponse<String> get(String pathAndQuery, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(pathAndQuery).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    HttpResponse<String> post(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()));
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(peer + pathAndQuery)).timeout(Duration.ofSeconds(5));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
