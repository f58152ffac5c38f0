package io.github.twitterstats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.domain.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaultsFollowTheContract() {
        Config settings = Config.from(Map.of());

        assertThat(settings.naming().prefix()).isEqualTo("twitter");
        assertThat(settings.naming().extraTags()).isEmpty();
        assertThat(settings.xApiUrl()).isEqualTo(URI.create("https://api.x.com"));
        assertThat(settings.datadogApiUrl()).isEqualTo(URI.create("https://api.datadoghq.com"));
        assertThat(settings.accounts().list()).isEmpty();
        assertThat(settings.accounts().parameter()).isEmpty();
        assertThat(settings.networks().blueskyApiUrl()).isEqualTo(URI.create("https://public.api.bsky.app"));
        assertThat(settings.networks().mastodonApiUrl()).isEmpty();
    }

    @Test
    void theKeylessNetworksUrlsGoThroughTheOneUrlCheck() {
        Config settings = Config.from(Map.of("BLUESKY_API_URL", "http://127.0.0.1:8080/",
                "MASTODON_API_URL", "https://proxy.example.com"));

        assertThat(settings.networks().blueskyApiUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(settings.networks().mastodonApiUrl()).contains(URI.create("https://proxy.example.com"));
        assertThatThrownBy(() -> Config.from(Map.of("BLUESKY_API_URL", "bsky.app")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("BLUESKY_API_URL must be an http(s) URL");
        assertThatThrownBy(() -> Config.from(Map.of("MASTODON_API_URL", "ftp://mastodon.social")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("MASTODON_API_URL must be an http(s) URL");
    }

    @Test
    void everyDocumentedDatadogSiteMapsToItsApiHost() {
        assertThat(Config.DATADOG_SITES).hasSize(9);
        for (String site : Config.DATADOG_SITES) {
            assertThat(Config.from(Map.of("DD_SITE", site)).datadogApiUrl())
                    .isEqualTo(URI.create("https://api." + site));
        }
    }

    @Test
    void anUnknownSiteIsAConfigurationErrorThatListsTheValidOnes() {
        assertThatThrownBy(() -> Config.from(Map.of("DD_SITE", "datadoghq.org")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DD_SITE must be one of")
                .hasMessageContaining("datadoghq.eu")
                .hasMessageContaining("DD_API_URL");
    }

    @Test
    void anExplicitApiUrlWinsOverTheSite() {
        Config settings = Config.from(Map.of("DD_SITE", "nonsense", "DD_API_URL", "http://127.0.0.1:9000/"));

        assertThat(settings.datadogApiUrl()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void urlsMustBeHttp() {
        assertThatThrownBy(() -> Config.from(Map.of("X_API_URL", "ftp://x")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("X_API_URL must be an http(s) URL");
        assertThatThrownBy(() -> Config.from(Map.of("DD_API_URL", "not a url")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("DD_API_URL");
    }

    @Test
    void extraTagsAreCommaSeparatedKeyValuePairs() {
        Config settings = Config.from(Map.of("EXTRA_TAGS", " env:prod , team:social,"));

        assertThat(settings.naming().extraTags()).containsExactly("env:prod", "team:social");
        assertThatThrownBy(() -> Config.from(Map.of("EXTRA_TAGS", "env:prod,oops")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("EXTRA_TAGS must be comma-separated key:value tags")
                .hasMessageContaining("'oops'");
    }

    @Test
    void thePrefixIsAMetricNameWithoutATrailingDot() {
        assertThat(Config.from(Map.of("METRIC_PREFIX", "social.x")).naming().prefix()).isEqualTo("social.x");
        for (String bad : new String[] {"twitter.", "1twitter", "tw itter", "a..b"}) {
            assertThatThrownBy(() -> Config.from(Map.of("METRIC_PREFIX", bad)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("METRIC_PREFIX");
        }
    }

    @Test
    void blankValuesCountAsUnset() {
        Config settings = Config.from(Map.of("ACCOUNTS", "  ", "METRIC_PREFIX", "", "DD_SITE", " "));

        assertThat(settings.accounts().list()).isEmpty();
        assertThat(settings.naming().prefix()).isEqualTo("twitter");
        assertThat(settings.datadogApiUrl()).isEqualTo(URI.create("https://api.datadoghq.com"));
    }

    @Test
    void theDefaultSpoolIsUnderTheUsersHome() {
        assertThat(Config.from(Map.of()).spool().require()).isEqualTo(new Config.SpoolLocation.Directory(
                Path.of(System.getProperty("user.home"), ".twitter-stats", "spool")));
    }

    @Test
    void aSpoolBucketWinsOverTheDirectoryAndItsPrefixEndsInASlash() {
        assertThat(Config.from(Map.of("SPOOL_BUCKET", "my-spool", "SPOOL_PREFIX", "/runs", "SPOOL_DIR", "/tmp/x"))
                .spool().require()).isEqualTo(new Config.SpoolLocation.Bucket("my-spool", "runs/"));
        assertThat(Config.from(Map.of("SPOOL_BUCKET", "my-spool")).spool().require())
                .isEqualTo(new Config.SpoolLocation.Bucket("my-spool", "spool/"));
    }

    @Test
    void aBadSpoolBucketFailsOnlyTheUseCaseThatNeedsTheSpool() {
        Config config = Config.from(Map.of("SPOOL_BUCKET", "Not_A_Bucket", "ARCHIVE_BUCKET", "archive"));

        assertThat(config.archive().require()).isEqualTo(new Config.ArchiveTarget.Bucket("archive", ""));
        assertThatThrownBy(() -> config.spool().require())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SPOOL_BUCKET must be an S3 bucket");
    }

    @Test
    void theBackupPartsNameTheirVariablesWhenMissing() {
        Config config = Config.from(Map.of());

        assertThatThrownBy(() -> config.archive().require()).hasMessageContaining("ARCHIVE_BUCKET");
        assertThatThrownBy(() -> config.backupQueueUrl().require()).hasMessageContaining("BACKUP_QUEUE_URL");
    }

    @Test
    void theCommandLinesArchiveTargetIsADirectoryOrAnS3Location() {
        Config config = Config.from(Map.of("ARCHIVE_BUCKET", "archive"));

        assertThat(config.withArchiveTarget("s3://bucket/some/prefix").archive().require())
                .isEqualTo(new Config.ArchiveTarget.Bucket("bucket", "some/prefix"));
        assertThat(config.withArchiveTarget("s3://bucket").archive().require())
                .isEqualTo(new Config.ArchiveTarget.Bucket("bucket", ""));
        assertThat(config.withArchiveTarget("out/dir").archive().require())
                .isEqualTo(new Config.ArchiveTarget.Directory(Path.of("out/dir")));
    }

    @Test
    void awsEndpointsFollowOneRuleTheServicesOwnVariableWinsOverTheCommonOne() {
        Config.AwsEndpoints aws = Config.from(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2")).aws();

        assertThat(aws.forS3()).contains(URI.create("http://127.0.0.1:2"));
        assertThat(aws.forSqs()).contains(URI.create("http://127.0.0.1:1"));
        assertThat(aws.forOthers()).contains(URI.create("http://127.0.0.1:1"));
        assertThatThrownBy(() -> Config.from(Map.of("AWS_ENDPOINT_URL_SQS", "nope")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("AWS_ENDPOINT_URL_SQS");
    }

    @Test
    void theUsageTextListsEveryVariableTheProgramReads() {
        String usage = Env.usage();

        for (Env variable : Env.values()) {
            assertThat(usage).contains(variable.name());
        }
        assertThat(usage).contains("METRIC_PREFIX").contains("(default twitter)");
    }

    @Test
    void theReadmesConfigurationTableNamesEveryVariableTheProgramReads() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));

        for (Env variable : Env.values()) {
            assertThat(readme).as(variable.name()).containsPattern("\\n\\|[^\\n]*`" + variable.name() + "`");
        }
    }
}
