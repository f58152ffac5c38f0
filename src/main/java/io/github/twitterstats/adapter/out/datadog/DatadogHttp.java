package io.github.twitterstats.adapter.out.datadog;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The one HTTP set-up of the DataDog adapter, shared by the series intake and the Dashboards API:
 * the JDK's own {@link HttpClient} (HTTP/1.1, its connection kept for the next request, no
 * redirects), one exchange at a time, and what an exchange produced as a value. The JDK client never
 * sends a request twice by itself, so every attempt is one the caller's retry policy sees and counts.
 */
final class DatadogHttp {

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

    DatadogHttp(Duration connectTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends {@code request} once and reads the answer as UTF-8 text. */
    Exchange send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answered(response.statusCode(), response.body(),
                    response.headers().firstValue("x-ratelimit-reset"));
        } catch (IOException e) {
            return new NoAnswer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to DataDog", e);
        }
    }
}
