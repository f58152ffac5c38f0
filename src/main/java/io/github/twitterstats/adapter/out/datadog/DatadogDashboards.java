package io.github.twitterstats.adapter.out.datadog;

import com.datadog.api.client.JsonTimeSerializer;
import com.datadog.api.client.RFC3339DateFormat;
import com.datadog.api.client.v1.model.Dashboard;
import com.datadog.api.client.v1.model.DashboardSummary;
import com.datadog.api.client.v1.model.DashboardSummaryDefinition;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.twitterstats.adapter.out.http.PlainHttp;
import io.github.twitterstats.config.DatadogCredentials;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.ServiceUnavailableException;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openapitools.jackson.nullable.JsonNullableModule;

/**
 * Creates the "X accounts" dashboard, or updates it in place, through DataDog's v1 Dashboards API
 * (https://docs.datadoghq.com/api/latest/dashboards/), so running it twice leaves one dashboard.
 *
 * <p>datadog-api-client describes the API: the definition is read into its {@link Dashboard} model
 * (an unknown or mistyped field fails there, before any request) and written back from it, and the
 * answers are read into its {@link Dashboard} and {@link DashboardSummary} models, all with a mapper
 * set up as the client's own {@code JSON} sets up its mapper ({@link #modelMapper}). The requests
 * travel over a {@link PlainHttp}, the JDK's HTTP client the series use too, not the client's
 * Jersey stack (which cost a cold run ~900 classes and the jar ~10 MB). 429, 408 and 5xx answers are
 * asked again under {@link Backoff#DEFAULT}, as the series are (a create or an update is safe to
 * repeat here); a request that gets no answer at all is not repeated.
 *
 * <p>The dashboard is found again by {@link #MARKER} in its description, not by its title: a title
 * is what users rename, and two dashboards may share one. DataDog has no client-chosen id for
 * dashboards, and dashboard tags are reserved for {@code team:} tags, so the description is the one
 * free-text field a list returns. If users copy the dashboard, the copy carries the marker too: the
 * first one in DataDog's list (the oldest) is the one kept up to date.
 */
public final class DatadogDashboards {

    /** The stable identifier, in the description of the committed definition. */
    public static final String MARKER = "[twitter-stats:x-accounts]";
    /** The definition users can also import by hand (a copy sits at dashboards/x-accounts.json). */
    public static final String RESOURCE = "/dashboard/x-accounts.json";
    /** The metric prefix the committed definition is written for. */
    static final String DEFAULT_PREFIX = "twitter";
    private static final long PAGE = 100;
    private static final Pattern QUERY_METRIC = Pattern.compile("(?<=[a-z]:)" + DEFAULT_PREFIX + "\\.");

    /** What {@link #apply} did. {@code url} opens the dashboard in DataDog's web app. */
    public record Applied(boolean created, String id, String title, URI url) { }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = modelMapper();

    private final PlainHttp http;
    private final String root;
    private final String apiKey;
    private final String appKey;
    private final URI appUrl;
    private final ErrorText errorText;
    private final RunLog log;
    private final DatadogRetry retry;

    /**
     * Needs the application key as well as the API key. Links point at the web app of the API's site
     * (api.datadoghq.eu → app.datadoghq.eu); a proxy or fake base URL is its own web app.
     */
    public DatadogDashboards(DatadogCredentials credentials, URI apiBaseUrl, RunLog log) {
        Objects.requireNonNull(credentials, "credentials");
        String appKey = credentials.appKey().orElseThrow(() -> new ConfigurationException(
                "the dashboard needs a DataDog application key: set DD_APP_KEY (or app_key in the secret named by"
                        + " DD_CREDENTIALS_SECRET); metric submission needs only the API key"));
        DatadogEndpoint endpoint = new DatadogEndpoint(apiBaseUrl);
        this.appUrl = endpoint.appUrl();
        this.errorText = new ErrorText(List.of(credentials.apiKey(), appKey));
        this.log = Objects.requireNonNull(log, "log");
        this.retry = new DatadogRetry(Backoff.DEFAULT, errorText, this.log);
        this.root = endpoint.root();
        this.apiKey = credentials.apiKey();
        this.appKey = appKey;
        this.http = new PlainHttp(CONNECT_TIMEOUT, false);
    }

    /**
     * A mapper set up as datadog-api-client's {@code com.datadog.api.client.JSON} sets up the one its
     * ApiClient reads and writes models with (2.50.0): no nulls written, no coercion of scalars,
     * unknown properties and invalid subtypes tolerated, dates as RFC 3339 text, enums by their wire
     * value, java.time and {@code JsonNullable} support.
     */
    static ObjectMapper modelMapper() {
        return JsonMapper.builder()
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE, false)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
                .defaultDateFormat(new RFC3339DateFormat())
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule().addSerializer(OffsetDateTime.class, new JsonTimeSerializer()))
                .addModule(new JsonNullableModule())
                .build();
    }

    /** The committed definition as text, with {@code metricPrefix} in its queries. */
    public static String definitionJson(String metricPrefix) {
        try (InputStream in = DatadogDashboards.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return DEFAULT_PREFIX.equals(metricPrefix) ? json
                    : QUERY_METRIC.matcher(json).replaceAll(Matcher.quoteReplacement(metricPrefix + "."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the dashboard, or replaces the one carrying {@link #MARKER}. */
    public Applied apply(String metricPrefix) {
        String body;
        try {
            body = MAPPER.writeValueAsString(MAPPER.readValue(definitionJson(metricPrefix), Dashboard.class));
        } catch (IOException e) {
            throw new IllegalStateException("the committed dashboard definition does not parse", e);
        }
        Optional<String> existing = findMarked();
        String json = existing.isPresent()
                ? call("PUT", "/api/v1/dashboard/" + existing.get(), body)
                : call("POST", "/api/v1/dashboard", body);
        Dashboard result = read(json, Dashboard.class);
        Applied applied = new Applied(existing.isEmpty(), result.getId(), result.getTitle(), link(result.getUrl()));
        log.event(RunLog.Level.DEBUG, "datadog dashboard applied", RunLog.fields(
                "created", applied.created(), "id", applied.id()));
        return applied;
    }

    private Optional<String> findMarked() {
        for (long start = 0; ; start += PAGE) {
            DashboardSummary page = read(call("GET", "/api/v1/dashboard?filter%5Bdeleted%5D=false&count=" + PAGE
                    + "&start=" + start, null), DashboardSummary.class);
            List<DashboardSummaryDefinition> dashboards = page.getDashboards() == null ? List.of() : page.getDashboards();
            for (DashboardSummaryDefinition dashboard : dashboards) {
                if (dashboard.getDescription() != null && dashboard.getDescription().contains(MARKER)) {
                    return Optional.of(dashboard.getId());
                }
            }
            if (dashboards.size() < PAGE) {
                return Optional.empty();
            }
        }
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("DD-API-KEY", apiKey);
        headers.put("DD-APPLICATION-KEY", appKey);
        return headers;
    }

    /**
     * The body of a 2xx answer to {@code method pathAndQuery} ({@code body} null for none), under DataDog's one
     * {@link DatadogRetry retry policy}; a network error is not asked again (a create may have landed).
     */
    private String call(String method, String pathAndQuery, String body) {
        URI uri = URI.create(root + pathAndQuery);
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        PlainHttp.Exchange exchange = retry.send("dashboards " + method, false,
                () -> http.send(method, uri, headers(), bytes, READ_TIMEOUT)).exchange();
        if (exchange instanceof PlainHttp.NoAnswer none) {
            throw new ServiceUnavailableException(Service.DATADOG_DASHBOARDS, "cannot reach DataDog's Dashboards API: "
                    + errorText.ofNetworkFailure(none.cause()), null);
        }
        PlainHttp.Answered answer = (PlainHttp.Answered) exchange;
        if (answer.accepted()) {
            return answer.body();
        }
        throw failure(answer.status(), errorText.of(answer.body(), "HTTP " + answer.status()));
    }

    private <T> T read(String json, Class<T> model) {
        try {
            return MAPPER.readValue(json, model);
        } catch (IOException e) {
            throw new RunFailedException("DataDog's Dashboards API answered with a body that is not a "
                    + model.getSimpleName() + ": " + errorText.of(json, e.getMessage()));
        }
    }

    private URI link(String url) {
        String base = appUrl.toString().replaceAll("/+$", "");
        return URI.create(url == null ? base + "/dashboard/lists" : base + (url.startsWith("/") ? url : "/" + url));
    }

    private RuntimeException failure(int status, String text) {
        if (status == 401 || status == 403) {
            return new CredentialsRejectedException(Service.DATADOG_DASHBOARDS,
                    "DataDog refused the keys for the Dashboards API (HTTP " + status + ": " + text
                    + "): the application key may lack the right to write dashboards, or belong to another site");
        }
        return new RunFailedException("DataDog's Dashboards API answered HTTP " + status + ": " + text);
    }
}
