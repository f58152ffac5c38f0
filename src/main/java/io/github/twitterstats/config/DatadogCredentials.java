package io.github.twitterstats.config;

import java.util.Objects;
import java.util.Optional;

/** DataDog keys: the API key submits metrics; the application key is needed only for dashboards. */
public record DatadogCredentials(String apiKey, Optional<String> appKey) {

    public DatadogCredentials {
        if (Objects.requireNonNull(apiKey, "apiKey").isBlank()) {
            throw new IllegalArgumentException("DataDog API key is blank");
        }
        appKey = appKey == null ? Optional.empty() : appKey.filter(k -> !k.isBlank());
    }

    @Override
    public String toString() {
        return "DatadogCredentials[apiKey=****, appKey=" + (appKey.isPresent() ? "****" : "none") + "]";
    }
}
