package io.github.twitterstats.adapter.out.datadog;

import io.github.twitterstats.adapter.out.http.PlainHttp;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP exchange with DataDog's series intake, no policy: {@code POST /api/v2/series} with the
 * {@code DD-API-KEY} header and a body of known length (never re-sent by the HTTP layer itself), over
 * a {@link PlainHttp} of its own (one per sink).
 */
final class SeriesIntake {

    private final PlainHttp http;
    private final URI series;
    private final String apiKey;
    private final Duration readTimeout;

    SeriesIntake(DatadogEndpoint endpoint, String apiKey, Duration connectTimeout, Duration readTimeout) {
        this.series = endpoint.series();
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.readTimeout = readTimeout;
        this.http = new PlainHttp(connectTimeout, false);
    }

    /** Posts one body; {@code contentEncoding} is null for none. */
    PlainHttp.Exchange post(byte[] body, String contentEncoding) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("DD-API-KEY", apiKey);
        if (contentEncoding != null) {
            headers.put("Content-Encoding", contentEncoding);
        }
        return http.send("POST", series, headers, body, readTimeout);
    }
}
