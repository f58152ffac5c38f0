package io.github.twitterstats.adapter.out.datadog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP exchange with DataDog's series intake, no policy: {@code POST /api/v2/series} with the
 * {@code DD-API-KEY} header and a body of known length, over the JDK's own {@link HttpClient} (one
 * per sink, HTTP/1.1, its connection kept for the next request). The JDK client never sends a POST
 * twice by itself, so every attempt is one the retry policy sees and counts.
 */
final class SeriesIntake {

    /** What one exchange produced. */
    sealed interface Exchange permits Answered, NoAnswer { }

    /** DataDog answered. {@code rateLimitReset} is {@code x-ratelimit-reset}, in seconds, when it sent one. */
    record Answered(int status, String body, Optional<String> rateLimitReset) implements Exchange {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /** No answer: refused or dropped connection, timeout. */
    record NoAnswer(IOException cause) implements Exchange { }

    private final HttpClient http;
    private final URI series;
    private final String apiKey;
    private final Duration readTimeout;

    SeriesIntake(DatadogEndpoint endpoint, String apiKey, Duration connectTimeout, Duration readTimeout) {
        this.series = endpoint.series();
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Posts one body; {@code contentEncoding} is null for none. */
    Exchange post(byte[] body, String contentEncoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(series)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("DD-API-KEY", apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answered(response.statusCode(), response.body(),
                    response.headers().firstValue("x-ratelimit-reset"));
        } catch (IOException e) {
            return new NoAnswer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to DataDog", e);
        }
    }
}
