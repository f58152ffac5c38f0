package io.github.twitterstats.bootstrap;

import io.github.twitterstats.adapter.out.aws.S3PostArchive;
import io.github.twitterstats.adapter.out.aws.SqsBackupQueue;
import io.github.twitterstats.adapter.out.x.XAccountDirectory;
import io.github.twitterstats.adapter.out.x.XPostSource;
import io.github.twitterstats.application.BackupDay;
import io.github.twitterstats.application.BackupRun;
import io.github.twitterstats.application.BackupScheduler;
import io.github.twitterstats.config.AccountsReader;
import io.github.twitterstats.config.BackupSettings;
import io.github.twitterstats.port.AccountDirectory;
import io.github.twitterstats.port.PostArchive;
import io.github.twitterstats.port.PostSource;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.support.Backoff;
import io.github.twitterstats.support.Lazy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The backup's composition root, beside {@link Components} (whose settings, account list, X
 * credentials, log and clock it shares): builds the X, S3 and SQS adapters on first use and keeps
 * them for a warm container.
 */
public final class BackupComponents {

    private final Components app;
    private final BackupSettings settings;
    private final Lazy<AccountDirectory> directory;
    private final Lazy<PostSource> posts;
    private final Lazy<S3Client> s3;
    private final Lazy<SqsClient> sqs;
    private final List<Lazy<?>> rebuildable;

    private BackupComponents(Components app, BackupSettings settings, Supplier<AccountDirectory> directory,
                             Supplier<PostSource> posts) {
        this.app = app;
        this.settings = settings;
        this.directory = new Lazy<>(directory);
        this.posts = new Lazy<>(posts);
        this.s3 = new Lazy<>(() -> S3PostArchive.client(settings.s3Endpoint()));
        this.sqs = new Lazy<>(() -> SqsBackupQueue.client(settings.sqsEndpoint()));
        this.rebuildable = List.of(this.directory, this.posts, s3, sqs);
    }

    /** Reads and validates the settings now; credentials and clients are built on first use. */
    public static BackupComponents fromEnvironment(Map<String, String> env, RunLog log, Clock clock) {
        Components app = Components.fromEnvironment(env, log, clock);
        return new BackupComponents(app, BackupSettings.from(env),
                () -> new XAccountDirectory(app.xClient()), () -> new XPostSource(app.xClient()));
    }

    /** The same, with X replaced (tests and the bench drive the AWS side against their own X). */
    public static BackupComponents withX(Map<String, String> env, RunLog log, Clock clock, AccountDirectory directory,
                                         PostSource posts) {
        return new BackupComponents(Components.fromEnvironment(env, log, clock), BackupSettings.from(env),
                () -> directory, () -> posts);
    }

    public BackupSettings settings() {
        return settings;
    }

    public RunLog log() {
        return app.log();
    }

    public Clock clock() {
        return app.clock();
    }

    public AccountsReader accounts() {
        return app.accounts();
    }

    public BackupScheduler scheduler() {
        return new BackupScheduler(directory.get(),
                new SqsBackupQueue(sqs.get(), settings.requireQueueUrl(), Backoff.DEFAULT), app.log(), app.clock());
    }

    /** The worker's use case, storing in the bucket named by ARCHIVE_BUCKET. */
    public BackupDay backupDay() {
        return new BackupDay(posts.get(), bucketArchive(settings.requireBucket(), settings.archivePrefix()));
    }

    public PostArchive bucketArchive(String bucket, String prefix) {
        return new S3PostArchive(s3.get(), bucket, prefix);
    }

    /** The whole day in this process, into {@code archive}: the command line. */
    public BackupRun backupRun(PostArchive archive) {
        return new BackupRun(directory.get(), new BackupDay(posts.get(), archive), app.log(), app.clock());
    }

    /** After a SnapStart restore: connections in the snapshot are dead, a rotated secret must be read anew. */
    public void forgetClientsAndCredentials() {
        rebuildable.forEach(Lazy::reset);
        app.forgetClientsAndCredentials();
    }
}
