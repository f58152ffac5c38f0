package io.github.twitterstats.adapter.out.datadog;

import com.datadog.api.client.ApiClient;
import com.datadog.api.client.ApiException;
import com.datadog.api.client.v1.api.DashboardsApi;
import com.datadog.api.client.v1.api.DashboardsApi.ListDashboardsOptionalParameters;
import com.datadog.api.client.v1.model.Dashboard;
import com.datadog.api.client.v1.model.DashboardSummary;
import com.datadog.api.client.v1.model.DashboardSummaryDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.config.DatadogCredentials;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.CredentialsRejectedException;
import io.github.twitterstats.domain.Service;
import io.github.twitterstats.domain.RunFailedException;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the "X accounts" dashboard, or updates it in place, through datadog-api-client's v1
 * Dashboards API (https://docs.datadoghq.com/api/latest/dashboards/), so running it twice leaves
 * one dashboard.
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

    private final DashboardsApi api;
    private final ObjectMapper mapper;
    private final URI appUrl;
    private final String apiKey;
    private final String appKey;

    /** {@code appUrl}: the web app's base, for the dashboard's link (e.g. https://app.datadoghq.com). */
    public DatadogDashboards(DatadogCredentials credentials, URI apiBaseUrl, URI appUrl) {
        Objects.requireNonNull(credentials, "credentials");
        this.appKey = credentials.appKey().orElseThrow(() -> new ConfigurationException(
                "the dashboard needs a DataDog application key: set DD_APP_KEY (or app_key in the secret named by"
                        + " DD_CREDENTIALS_SECRET); metric submission needs only the API key"));
        this.apiKey = credentials.apiKey();
        this.appUrl = Objects.requireNonNull(appUrl, "appUrl");
        ApiClient client = new ApiClient();
        client.setServerIndex(1); // the free-form {protocol}://{name} server, as in DatadogMetricsSink
        String path = apiBaseUrl.getRawPath() == null ? "" : apiBaseUrl.getRawPath().replaceAll("/+$", "");
        client.setServerVariables(Map.of("protocol", apiBaseUrl.getScheme(),
                "name", apiBaseUrl.getRawAuthority() + path));
        client.configureApiKeys(Map.of("apiKeyAuth", apiKey, "appKeyAuth", appKey));
        client.setConnectTimeout(3_000);
        client.setReadTimeout(20_000);
        client.enableRetry(true); // 429 and 5xx, inside the client: a create/update is safe to repeat here
        this.api = new DashboardsApi(client);
        this.mapper = client.getJSON().getMapper();
    }

    // SHIM until redesign-core merges: the pinned constructor (the web app's URL derived from the API's).
    public DatadogDashboards(DatadogCredentials credentials, URI apiBaseUrl, io.github.twitterstats.port.RunLog log) {
        this(credentials, apiBaseUrl, appUrlOf(apiBaseUrl));
    }

    /** The web app of a DataDog API base URL: api.datadoghq.eu → app.datadoghq.eu, api.us3.datadoghq.com → us3.datadoghq.com. */
    public static URI appUrlOf(URI apiBaseUrl) {
        String host = apiBaseUrl.getHost();
        if (!host.startsWith("api.")) {
            return URI.create(apiBaseUrl.getScheme() + "://" + apiBaseUrl.getRawAuthority()); // a proxy or a fake
        }
        String site = host.substring("api.".length());
        boolean regional = site.split("\\.").length > 2; // us3.datadoghq.com, ap1.datadoghq.com, us2.ddog-gov.com
        return URI.create("https://" + (regional ? site : "app." + site));
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
        Dashboard definition;
        try {
            definition = mapper.readValue(definitionJson(metricPrefix), Dashboard.class);
        } catch (IOException e) {
            throw new IllegalStateException("the committed dashboard definition does not parse", e);
        }
        try {
            Optional<String> existing = findMarked();
            Dashboard result = existing.isPresent() ? api.updateDashboard(existing.get(), definition)
                    : api.createDashboard(definition);
            return new Applied(existing.isEmpty(), result.getId(), result.getTitle(), link(result.getUrl()));
        } catch (ApiException e) {
            throw failure(e.getCode(), scrub(e.getResponseBody() == null ? e.getMessage() : e.getResponseBody()));
        } catch (ProcessingException e) {
            throw new RunFailedException("cannot reach DataDog's Dashboards API: " + scrub(String.valueOf(e.getMessage())));
        }
    }

    private Optional<String> findMarked() throws ApiException {
        for (long start = 0; ; start += PAGE) {
            DashboardSummary page = api.listDashboards(new ListDashboardsOptionalParameters()
                    .filterDeleted(false).count(PAGE).start(start));
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

    private URI link(String url) {
        String base = appUrl.toString().replaceAll("/+$", "");
        return URI.create(url == null ? base + "/dashboard/lists" : base + (url.startsWith("/") ? url : "/" + url));
    }

    private RuntimeException failure(int status, String text) {
        if (status == 401 || status == 403) {
            return new CredentialsRejectedException(Service.DATADOG_DASHBOARDS, "DataDog refused the keys for the Dashboards API (HTTP " + status
                    + ": " + text + "): check DD_API_KEY and DD_APP_KEY (or api_key/app_key in DD_CREDENTIALS_SECRET),"
                    + " that the application key may write dashboards, and DD_SITE");
        }
        return new RunFailedException("DataDog's Dashboards API answered HTTP " + status + ": " + text);
    }

    private String scrub(String text) {
        return text == null ? null : text.replace(apiKey, "****").replace(appKey, "****");
    }
}
