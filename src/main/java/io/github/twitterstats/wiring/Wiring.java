package io.github.twitterstats.wiring;

import io.github.twitterstats.adapter.out.aws.AwsClients;
import io.github.twitterstats.adapter.out.aws.BackupJobMessage;
import io.github.twitterstats.adapter.out.aws.S3PostArchive;
import io.github.twitterstats.adapter.out.aws.S3SampleSpool;
import io.github.twitterstats.adapter.out.aws.SecretsManagerSecretStore;
import io.github.twitterstats.adapter.out.aws.SqsBackupQueue;
import io.github.twitterstats.adapter.out.aws.SsmParameterStore;
import io.github.twitterstats.adapter.out.bluesky.BlueskyMetricsSource;
import io.github.twitterstats.adapter.out.datadog.DatadogDashboards;
import io.github.twitterstats.adapter.out.datadog.DatadogMetricsSink;
import io.github.twitterstats.adapter.out.http.RetryingGet;
import io.github.twitterstats.adapter.out.local.LocalDirectoryPostArchive;
import io.github.twitterstats.adapter.out.local.LocalDirectorySpool;
import io.github.twitterstats.adapter.out.log.ConsoleRunLog;
import io.github.twitterstats.adapter.out.log.JsonLinesRunLog;
import io.github.twitterstats.adapter.out.mastodon.MastodonMetricsSource;
import io.github.twitterstats.adapter.out.x.XAccountDirectory;
import io.github.twitterstats.adapter.out.x.XClient;
import io.github.twitterstats.adapter.out.x.XMetricsSource;
import io.github.twitterstats.adapter.out.x.XPostSource;
import io.github.twitterstats.application.BackupBatch;
import io.github.twitterstats.application.BackupDay;
import io.github.twitterstats.application.BackupRun;
import io.github.twitterstats.application.BackupScheduler;
import io.github.twitterstats.application.MetricsPreview;
import io.github.twitterstats.application.MetricsRun;
import io.github.twitterstats.application.MetricsSources;
import io.github.twitterstats.config.AccountsReader;
import io.github.twitterstats.config.Config;
import io.github.twitterstats.config.Credentials;
import io.github.twitterstats.domain.AccountId;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.RunSummary;
import io.github.twitterstats.port.MetricsSource;
import io.github.twitterstats.port.NetworkMetricsSource;
import io.github.twitterstats.port.PostArchive;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.SampleSpool;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.support.Lazy;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one composition root, built from a {@link Config}: builds each client at most once (one X client shared by
 * the three X ports, one Bluesky and one Mastodon source, one AWS client factory, one DataDog sink) and hands out
 * use cases only. A Lambda container
 * keeps one and, after a SnapStart restore, drops it whole and builds a new one (see HandlerRuntime), so nothing
 * here is ever reset piecemeal.
 */
public final class Wiring {

    /**
     * Concurrent X requests (100 users each). The request count, and so X's rate limit (300
     * {@code /2/users/by} per 15 minutes per app), does not depend on it, only the burst does:
     * 10,000 accounts are 100 requests, 4 rounds of waiting at 25 (7 at 16, 25 at 4). Measured, 10,000 accounts
     * cold at 80 ms per answer, 2 cores: 4: 3.26 s, 8: 2.13 s, 10: 1.86 s, 16: 1.74 s (medians of 5, round 2);
     * round 4 ({@code bench/compare --reps 5 --accounts 10000}): 16: 1,297 ms, 139 MB; 25: 1,227 ms, 143 MB;
     * 34: 1,130 ms, 146 MB (each wave's answers in memory at once: 25 keeps the CLI clear of 150 MB).
     */
    private static final int X_CONCURRENCY = 25;
    /** The X source of a list without X accounts: never asked (a run asks X only for the list's X handles). */
    private static final MetricsSource NO_X_ACCOUNTS = (handles, deadline) -> {
        throw new IllegalStateException("X is not wired: the account list holds no X account");
    };

    /** The marker the dashboard is found by, for the CLI's help text. */
    public static final String DASHBOARD_MARKER = DatadogDashboards.MARKER;

    private final Config config;
    private final RunLog log;
    private final Clock clock;
    private final AwsClients aws;
    private final Credentials credentials;
    private final Lazy<XClient> x;
    private final Lazy<DatadogMetricsSink> datadog;
    private final Lazy<BlueskyMetricsSource> bluesky;
    private final Lazy<MastodonMetricsSource> mastodon;

    public Wiring(Config config, RunLog log, Clock clock) {
        this.config = config;
        this.log = log;
        this.clock = clock;
        this.aws = new AwsClients(config.aws());
        this.credentials = new Credentials(config.credentials(),
                () -> new SecretsManagerSecretStore(aws.secretsManager()));
        this.x = new Lazy<>(() -> XClient.create(credentials.x(), config.xApiUrl(), log, clock));
        this.datadog = new Lazy<>(() -> new DatadogMetricsSink(credentials.datadogApiKey(), config.datadogApiUrl(),
                log, clock));
        this.bluesky = new Lazy<>(() -> BlueskyMetricsSource.builder(config.networks().blueskyApiUrl())
                .settings(RetryingGet.Settings.defaults().withLog(log).withClock(clock)).build());
        this.mastodon = new Lazy<>(() -> config.networks().mastodonApiUrl()
                .map(MastodonMetricsSource::through).orElseGet(MastodonMetricsSource::homeServers)
                .settings(RetryingGet.Settings.defaults().withLog(log).withClock(clock)).build());
    }

    /** A factory reading the environment when the wiring is first needed (so its errors reach the log). */
    public static Function<RunLog, Wiring> fromEnvironment(Map<String, String> env, Clock clock) {
        return log -> new Wiring(Config.from(env), log, clock);
    }

    /** The Lambda's log: one JSON object a line on {@code out}, for CloudWatch. */
    public static RunLog jsonLog(PrintStream out, Clock clock) {
        return new JsonLinesRunLog(out, clock);
    }

    /** The command line's log: short human lines on standard error. */
    public static RunLog consoleLog(PrintStream err) {
        return new ConsoleRunLog(err);
    }

    /** The account list: {@code override} (the CLI's --accounts), else the SSM parameter, else ACCOUNTS. */
    public AccountList accounts(Optional<String> override) {
        return new AccountsReader(config.accounts(), () -> new SsmParameterStore(aws.ssm())).read(override);
    }

    /** A run over {@code accounts}: X's client (and credentials) only when the list holds X accounts. */
    public MetricsRun metricsRun(AccountList accounts) {
        // X first: when the list holds X accounts their credentials are the first a run needs, so theirs is the
        // first problem to report.
        MetricsSources sources = sources(accounts);
        SampleSpool spool = spool(config.spool().require());
        return new MetricsRun(sources, datadog.get(), spool, config.naming(), log, clock);
    }

    /** A preview (--dry-run) over {@code accounts}: no DataDog key, and no X credentials without X accounts. */
    public MetricsPreview metricsPreview(AccountList accounts) {
        return new MetricsPreview(sources(accounts), config.naming(), log, clock);
    }

    /** Each network's source only when the list holds its accounts: a cold X-only run builds no Bluesky or Mastodon client. */
    private MetricsSources sources(AccountList accounts) {
        return new MetricsSources(
                accounts.handles().isEmpty() ? NO_X_ACCOUNTS : new XMetricsSource(x.get(), X_CONCURRENCY),
                accounts.bluesky().isEmpty() ? notWired("Bluesky") : bluesky.get(),
                accounts.mastodon().isEmpty() ? notWired("Mastodon") : mastodon.get());
    }

    /** The source of a network the list holds no account of: never asked. */
    private static <A extends AccountId> NetworkMetricsSource<A> notWired(String network) {
        return (accounts, deadline) -> {
            throw new IllegalStateException(network + " is not wired: the account list holds no " + network
                    + " account");
        };
    }

    public BackupScheduler backupScheduler() {
        return new BackupScheduler(new XAccountDirectory(x.get()),
                new SqsBackupQueue(aws.sqs(), config.backupQueueUrl().require(), Backoff.DEFAULT), log, clock);
    }

    /** One account's day into the configured archive: the worker's use case. */
    public BackupDay backupDay() {
        return new BackupDay(new XPostSource(x.get()), archive(config.archive().require()));
    }

    /** The whole day in this process, into the configured archive: the command line. */
    public BackupRun backupRun() {
        return new BackupRun(new XAccountDirectory(x.get()), backupDay(), log, clock);
    }

    /** A batch of queued backup jobs: the worker's use case. */
    public BackupBatch backupBatch() {
        return new BackupBatch(backupDay(), log, clock);
    }

    /** One queued message as the scheduler wrote it: the job it holds, or why it holds none. */
    public BackupBatch.Message backupMessage(String id, String body) {
        try {
            return new BackupBatch.Job(id, BackupJobMessage.read(body));
        } catch (IllegalArgumentException e) {
            return new BackupBatch.Unreadable(id, e.getMessage());
        }
    }

    /** What applying the dashboard did. */
    public record Dashboard(boolean created, String id, String title, URI url) {
    }

    /** Creates the "X accounts" dashboard, or updates it in place. */
    public Dashboard applyDashboard() {
        DatadogDashboards.Applied applied = new DatadogDashboards(credentials.datadog(), config.datadogApiUrl(), log)
                .apply(config.naming().prefix());
        return new Dashboard(applied.created(), applied.id(), applied.title(), applied.url());
    }

    /**
     * SnapStart priming: one whole metrics run, as an invocation of the deployed function makes it (configuration, the
     * secrets from Secrets Manager and the list from SSM, the X request and its answer, the gauges, the S3 spool's
     * write-ahead and its removal, the series payload gzipped and sent, the JSON log lines, the summary), so the
     * snapshot holds every class and initialiser that path loads. Against a loopback server inside this process
     * that answers X, DataDog and AWS, with placeholder X and DataDog keys: no request leaves the process and nothing
     * built here is kept (where no AWS region is set, the same run with the keys in the configuration and a
     * throw-away spool directory). The run is made {@value Priming#RUNS} times, so its per-account loops are compiled
     * as in a warm container. A failure here only leaves the snapshot less warm, so it does not fail the checkpoint.
     *
     * @return the last priming run's summary; empty when priming failed
     */
    public static Optional<RunSummary> prime() {
        return prime(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@link #prime()} with its spool directory made, and removed again, inside {@code scratch}. */
    static Optional<RunSummary> prime(Path scratch) {
        return Priming.run(scratch);
    }

    private SampleSpool spool(Config.SpoolLocation location) {
        if (location instanceof Config.SpoolLocation.Bucket b) {
            return new S3SampleSpool(aws.s3(), b.bucket(), b.prefix(), clock, log);
        }
        return new LocalDirectorySpool(((Config.SpoolLocation.Directory) location).path(), clock, log);
    }

    private PostArchive archive(Config.ArchiveTarget target) {
        if (target instanceof Config.ArchiveTarget.Bucket b) {
            return new S3PostArchive(aws.s3(), b.bucket(), b.prefix());
        }
        return new LocalDirectoryPostArchive(((Config.ArchiveTarget.Directory) target).path());
    }
}
