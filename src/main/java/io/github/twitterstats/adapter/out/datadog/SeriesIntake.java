package io.github.twitterstats.adapter.out.datadog;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * One HTTP exchange with DataDog's series intake, no policy: {@code POST /api/v2/series} with the
 * {@code DD-API-KEY} header and a body of known length, over the adapter's {@link DatadogHttp} (one
 * per sink).
 */
final class SeriesIntake {

    private final DatadogHttp http;
    private final URI series;
    private final String apiKey;
    private final Duration readTimeout;

    SeriesIntake(DatadogEndpoint endpoint, String apiKey, Duration connectTimeout, Duration readTimeout) {
        this.series = endpoint.series();
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.readTimeout = readTimeout;
        this.http = new DatadogHttp(connectTimeout);
    }

    /** Posts one body; {@code contentEncoding} is null for none. */
    DatadogHttp.Exchange post(byte[] body, String contentEncoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(series)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("DD-API-KEY", apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return http.send(request.build());
    }
}
