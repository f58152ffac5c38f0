package io.github.twitterstats.adapter.out.datadog;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

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

    private final CompletableFuture<HttpClient> http;

    /**
     * Starts building the client on a daemon thread of its own and returns at once. Building it
     * initialises the JDK's TLS stack (the default SSLContext: ~450 classes, ~100 ms of a cold
     * start) whatever the scheme of the first request, and the adapter is built before the run
     * reads X: so that work overlaps X's answer instead of delaying X's request. The first
     * {@link #send} waits for it.
     */
    DatadogHttp(Duration connectTimeout) {
        this.http = CompletableFuture.supplyAsync(() -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), DatadogHttp::onItsOwnDaemonThread);
    }

    private static void onItsOwnDaemonThread(Runnable task) {
        Thread thread = new Thread(task, "datadog-http-setup");
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends {@code request} once and reads the answer as UTF-8 text. */
    Exchange send(HttpRequest request) {
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answered(response.statusCode(), response.body(),
                    response.headers().firstValue("x-ratelimit-reset"));
        } catch (IOException e) {
            return new NoAnswer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to DataDog", e);
        }
    }

    private HttpClient client() throws InterruptedException {
        try {
            return http.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot set up the HTTP client for DataDog", e.getCause());
        }
    }
}
