package io.github.twitterstats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.ConfigurationException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsFollowTheContract() {
        Settings settings = Settings.from(Map.of());

        assertThat(settings.naming().prefix()).isEqualTo("twitter");
        assertThat(settings.naming().extraTags()).isEmpty();
        assertThat(settings.xApiUrl()).isEqualTo(URI.create("https://api.x.com"));
        assertThat(settings.datadogApiUrl()).isEqualTo(URI.create("https://api.datadoghq.com"));
        assertThat(settings.accounts()).isEmpty();
        assertThat(settings.accountsParameter()).isEmpty();
    }

    @Test
    void everyDocumentedDatadogSiteMapsToItsApiHost() {
        assertThat(Settings.DATADOG_SITES).hasSize(9);
        for (String site : Settings.DATADOG_SITES) {
            assertThat(Settings.from(Map.of("DD_SITE", site)).datadogApiUrl())
                    .isEqualTo(URI.create("https://api." + site));
        }
    }

    @Test
    void anUnknownSiteIsAConfigurationErrorThatListsTheValidOnes() {
        assertThatThrownBy(() -> Settings.from(Map.of("DD_SITE", "datadoghq.org")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DD_SITE must be one of")
                .hasMessageContaining("datadoghq.eu")
                .hasMessageContaining("DD_API_URL");
    }

    @Test
    void anExplicitApiUrlWinsOverTheSite() {
        Settings settings = Settings.from(Map.of("DD_SITE", "nonsense", "DD_API_URL", "http://127.0.0.1:9000/"));

        assertThat(settings.datadogApiUrl()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void urlsMustBeHttp() {
        assertThatThrownBy(() -> Settings.from(Map.of("X_API_URL", "ftp://x")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("X_API_URL must be an http(s) URL");
        assertThatThrownBy(() -> Settings.from(Map.of("DD_API_URL", "not a url")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("DD_API_URL");
    }

    @Test
    void extraTagsAreCommaSeparatedKeyValuePairs() {
        Settings settings = Settings.from(Map.of("EXTRA_TAGS", " env:prod , team:social,"));

        assertThat(settings.naming().extraTags()).containsExactly("env:prod", "team:social");
        assertThatThrownBy(() -> Settings.from(Map.of("EXTRA_TAGS", "env:prod,oops")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EXTRA_TAGS must be comma-separated key:value tags")
                .hasMessageContaining("'oops'");
    }

    @Test
    void thePrefixIsAMetricNameWithoutATrailingDot() {
        assertThat(Settings.from(Map.of("METRIC_PREFIX", "social.x")).naming().prefix()).isEqualTo("social.x");
        for (String bad : new String[] {"twitter.", "1twitter", "tw itter", "a..b"}) {
            assertThatThrownBy(() -> Settings.from(Map.of("METRIC_PREFIX", bad)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("METRIC_PREFIX");
        }
    }

    @Test
    void blankValuesCountAsUnset() {
        Settings settings = Settings.from(Map.of("ACCOUNTS", "  ", "METRIC_PREFIX", "", "DD_SITE", " "));

        assertThat(settings.accounts()).isEmpty();
        assertThat(settings.naming().prefix()).isEqualTo("twitter");
        assertThat(settings.datadogApiUrl()).isEqualTo(URI.create("https://api.datadoghq.com"));
    }
}
