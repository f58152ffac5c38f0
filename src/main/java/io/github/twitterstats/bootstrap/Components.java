package io.github.twitterstats.bootstrap;

import io.github.twitterstats.adapter.out.aws.S3PostArchive;
import io.github.twitterstats.adapter.out.aws.S3SampleSpool;
import io.github.twitterstats.adapter.out.aws.SecretsManagerSecretStore;
import io.github.twitterstats.adapter.out.aws.SsmParameterStore;
import io.github.twitterstats.adapter.out.datadog.DatadogMetricsSink;
import io.github.twitterstats.adapter.out.spool.LocalDirectorySpool;
import io.github.twitterstats.adapter.out.x.XClient;
import io.github.twitterstats.adapter.out.x.XMetricsSource;
import io.github.twitterstats.application.MetricsPreview;
import io.github.twitterstats.application.MetricsRun;
import io.github.twitterstats.config.AccountsReader;
import io.github.twitterstats.config.CredentialResolver;
import io.github.twitterstats.config.Settings;
import io.github.twitterstats.config.SpoolLocation;
import io.github.twitterstats.port.MetricsSink;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.ParameterStore;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.SampleSpool;
import io.github.twitterstats.port.SecretStore;
import io.github.twitterstats.support.Lazy;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The composition root shared by the Lambda handlers and the command line: builds each adapter
 * on first use and keeps it, so a warm Lambda container reuses its clients and secrets. Nothing
 * that a run may not need (the secret store, the DataDog client in a dry run) is ever built.
 */
public final class Components {

    /** Concurrent X requests: enough to overlap latency, few enough to stay polite to the rate limit. */
    private static final int X_CONCURRENCY = 4;

    private final Settings settings;
    private final RunLog log;
    private final Clock clock;
    private final Lazy<SecretStore> secrets;
    private final Lazy<ParameterStore> parameters;
    private final CredentialResolver credentials;
    private final Lazy<XClient> xClient;
    private final Lazy<MetricsSource> x;
    private final Lazy<MetricsSink> datadog;
    private final Lazy<S3Client> s3;
    private final Map<String, String> env;
    private final List<Lazy<?>> rebuildable;

    private Components(Map<String, String> env, RunLog log, Clock clock) {
        this.settings = Settings.from(env);
        this.log = log;
        this.clock = clock;
        // The SDK would read AWS_ENDPOINT_URL from the process by itself; reading it from the same
        // map as every other setting keeps the environment the one source of configuration.
        Optional<URI> awsEndpoint = Settings.value(env, "AWS_ENDPOINT_URL").map(URI::create);
        this.secrets = new Lazy<>(() -> SecretsManagerSecretStore.create(awsEndpoint));
        this.parameters = new Lazy<>(() -> SsmParameterStore.create(awsEndpoint));
        this.credentials = new CredentialResolver(env, secrets);
        this.xClient = new Lazy<>(() -> XClient.create(credentials.x(), settings.xApiUrl(), log, clock));
        this.x = new Lazy<>(() -> new XMetricsSource(xClient.get(), X_CONCURRENCY));
        this.datadog = new Lazy<>(() -> new DatadogMetricsSink(credentials.datadog(), settings.datadogApiUrl(), log,
                clock));
        this.s3 = new Lazy<>(() -> S3PostArchive.client(awsEndpoint));
        this.env = Map.copyOf(env);
        // Read now, so a malformed SPOOL_BUCKET is a configuration error before anything is sent.
        SpoolLocation.from(env, Optional.empty(), LocalDirectorySpool.defaultDirectory());
        this.rebuildable = List.of(secrets, parameters, xClient, x, datadog, s3);
    }

    /** Reads and validates the non-secret settings now; credentials are read on first use. */
    public static Components fromEnvironment(Map<String, String> env, RunLog log, Clock clock) {
        return new Components(env, log, clock);
    }

    public Settings settings() {
        return settings;
    }

    public RunLog log() {
        return log;
    }

    public Clock clock() {
        return clock;
    }

    public AccountsReader accounts() {
        return new AccountsReader(settings, parameters);
    }

    public MetricsRun metricsRun() {
        return metricsRun(Optional.empty());
    }

    /** {@code spoolDirectory}: the CLI's {@code --spool-dir}, which wins over the environment. */
    public MetricsRun metricsRun(Optional<String> spoolDirectory) {
        // X first: its credentials are the first a run needs, so theirs is the first problem to report.
        MetricsSource source = x.get();
        return new MetricsRun(source, datadog.get(), spool(spoolDirectory), settings.naming(), log, clock);
    }

    /** Reads and maps, sends nothing: needs no DataDog key and no spool. */
    public MetricsPreview metricsPreview() {
        return new MetricsPreview(x.get(), settings.naming(), log, clock);
    }

    private SampleSpool spool(Optional<String> directoryOption) {
        SpoolLocation location = SpoolLocation.from(env, directoryOption, LocalDirectorySpool.defaultDirectory());
        if (location instanceof SpoolLocation.Bucket bucket) {
            return new S3SampleSpool(s3.get(), bucket.bucket(), bucket.prefix(), clock, log);
        }
        // SpoolLocation is sealed: what is not a bucket is a directory.
        return new LocalDirectorySpool(((SpoolLocation.Directory) location).path(), clock, log);
    }

    /** The one X client, shared by every X port of the container. */
    public XClient xClient() {
        return xClient.get();
    }

    public CredentialResolver credentials() {
        return credentials;
    }

    /**
     * Forgets clients and credentials so the next run builds them again: after a SnapStart restore
     * the snapshot's connections are dead and a rotated secret must be read anew.
     */
    public void forgetClientsAndCredentials() {
        rebuildable.forEach(Lazy::reset);
    }
}
