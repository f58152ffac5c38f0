package io.github.twitterstats.adapter.out.datadog;

import java.net.URI;
import java.util.Objects;

/**
 * A DataDog API base URL ({@code https://api.datadoghq.eu}, or a proxy or loopback fake such as
 * {@code http://127.0.0.1:9000}), checked once and shared by the series sink and the dashboards: the
 * addresses of its endpoints and of the web app that belongs to it.
 */
record DatadogEndpoint(URI baseUrl) {

    DatadogEndpoint {
        Objects.requireNonNull(baseUrl, "apiBaseUrl");
        String scheme = baseUrl.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                || baseUrl.getHost() == null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null
                || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("DataDog API base URL must look like https://host[:port][/path], not "
                    + baseUrl);
        }
    }

    /** {@code scheme://host[:port][/path]} without a trailing slash. */
    String root() {
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path;
    }

    /** The v2 series intake. */
    URI series() {
        return URI.create(root() + "/api/v2/series");
    }

    /** The web app of the API: api.datadoghq.eu → app.datadoghq.eu, api.us3.datadoghq.com → us3.datadoghq.com. */
    URI appUrl() {
        String host = baseUrl.getHost();
        if (!host.startsWith("api.")) {
            return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority()); // a proxy or a fake
        }
        String site = host.substring("api.".length());
        boolean regional = site.split("\\.").length > 2; // us3.datadoghq.com, ap1.datadoghq.com, us2.ddog-gov.com
        return URI.create("https://" + (regional ? site : "app." + site));
    }

    @Override
    public String toString() {
        return baseUrl.toString();
    }
}
