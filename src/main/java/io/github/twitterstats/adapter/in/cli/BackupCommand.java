package io.github.twitterstats.adapter.in.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.adapter.out.local.LocalDirectoryPostArchive;
import io.github.twitterstats.adapter.out.log.ConsoleRunLog;
import io.github.twitterstats.application.BackupScheduler;
import io.github.twitterstats.bootstrap.BackupComponents;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.BackupSummary;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.port.PostArchive;
import io.github.twitterstats.port.RunLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code twitter-stats backup}: the same backup as the scheduler and workers, run in this process
 * for one day, into a local directory (default {@code ./backup}) or an S3 location, in the same
 * layout. Exit codes as for the metrics command: 0 all done, 3 some accounts failed, 2 usage or
 * configuration error, 1 the run failed.
 */
public final class BackupCommand {

    static final String USAGE = """
            Usage: java -jar twitter-stats.jar backup [--date YYYY-MM-DD] [--accounts LIST] [--out DIR|s3://bucket/prefix] [--json]

            Stores every post the accounts published on one UTC day as gzip JSON lines, one file per account and day:
              <out>/posts/account=<handle>/year=YYYY/month=MM/day=DD/<handle>-YYYY-MM-DD.jsonl.gz
            Running a day again replaces its files; a day without posts writes nothing.

              --date YYYY-MM-DD   the UTC day to back up (default: yesterday, UTC)
              --accounts LIST     handles separated by ';' ',' or spaces (overrides ACCOUNTS and ACCOUNTS_PARAMETER)
              --out TARGET        a directory (default ./backup) or s3://bucket/prefix
              --json              print the summary as JSON
              --help              this text

            X credentials and the account list come from the environment, as for the metrics command.
            """;

    /** Long enough to ride out a short rate-limit window, short enough not to look hung. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private BackupCommand() {
    }

    /** {@code args} are those after {@code backup}. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, out, err, Clock.systemUTC(), log -> BackupComponents.fromEnvironment(env, log, Clock.systemUTC()));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock,
                   Function<RunLog, BackupComponents> wiring) {
        try {
            Options options = Options.parse(args, clock);
            if (options.help()) {
                out.print(USAGE);
                return Main.OK;
            }
            BackupComponents app = wiring.apply(new ConsoleRunLog(err));
            AccountList accounts = app.accounts().read(options.accounts());
            PostArchive archive = options.out().startsWith("s3://")
                    ? s3Archive(app, options.out())
                    : new LocalDirectoryPostArchive(Path.of(options.out()));
            BackupSummary summary = app.backupRun(archive).run(accounts, options.date(), Deadline.after(MAX_WAIT, clock));
            if (options.json()) {
                out.println(JSON.writeValueAsString(summary.toMap()));
            } else {
                print(summary, options.out(), out);
            }
            return summary.allAccountsDone() ? Main.OK : Main.SOME_ACCOUNTS_FAILED;
        } catch (UsageException e) {
            err.println("twitter-stats backup: " + e.getMessage() + " (see backup --help)");
            return Main.USAGE_OR_CONFIGURATION;
        } catch (ConfigurationException e) {
            err.println("twitter-stats backup: configuration error: " + e.getMessage());
            return Main.USAGE_OR_CONFIGURATION;
        } catch (RunFailedException e) {
            err.println("twitter-stats backup: run failed: " + Main.explained(e));
            return Main.RUN_FAILED;
        } catch (JsonProcessingException | RuntimeException e) {
            err.println("twitter-stats backup: run failed: " + e);
            return Main.RUN_FAILED;
        }
    }

    private static PostArchive s3Archive(BackupComponents app, String target) {
        String path = target.substring("s3://".length());
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        return app.bucketArchive(bucket, prefix);
    }

    private static void print(BackupSummary s, String target, PrintStream out) {
        out.printf("Backup of %s into %s%n", s.day(), target);
        out.printf("  accounts: %d requested, %d ok, %d failed%n", s.accountsRequested(), s.accountsOk(),
                s.accountsFailed());
        out.printf("  posts stored: %d in %d object(s), %d page(s) read, %d X request(s), %d ms%n", s.postsStored(),
                s.objectsWritten(), s.pagesRead(), s.xRequests(), s.durationMs());
        if (!s.accountsWithoutPosts().isEmpty()) {
            out.println("  no posts that day (nothing written): " + String.join(", ", s.accountsWithoutPosts()));
        }
        for (AccountFailure f : s.failures()) {
            out.println("  failed: " + f.account() + " (" + f.reason().wireName() + ")"
                    + (f.detail().isBlank() ? "" : ": " + f.detail()));
        }
    }

    /** A command line that cannot be understood. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    record Options(LocalDate date, Optional<String> accounts, String out, boolean json, boolean help) {

        static Options parse(String[] args, Clock clock) {
            LocalDate date = BackupScheduler.previousUtcDay(clock.instant());
            Optional<String> accounts = Optional.empty();
            String out = "backup";
            boolean json = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                switch (name) {
                    case "--date" -> {
                        String value = value(args, i, arg);
                        i += arg.contains("=") ? 0 : 1;
                        try {
                            date = LocalDate.parse(value);
                        } catch (DateTimeParseException e) {
                            throw new UsageException("--date must be a day as YYYY-MM-DD (got '" + value + "')");
                        }
                        if (!date.isBefore(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(1))) {
                            throw new UsageException("--date " + date + " is in the future (UTC)");
                        }
                    }
                    case "--accounts" -> {
                        accounts = Optional.of(value(args, i, arg));
                        i += arg.contains("=") ? 0 : 1;
                    }
                    case "--out" -> {
                        out = value(args, i, arg);
                        i += arg.contains("=") ? 0 : 1;
                        if (out.isBlank() || out.equals("s3://") || out.startsWith("s3:///")) {
                            throw new UsageException("--out needs a directory or s3://bucket/prefix");
                        }
                    }
                    case "--json" -> json = true;
                    case "--help", "-h" -> help = true;
                    default -> throw new UsageException("unknown option '" + arg + "'");
                }
            }
            return new Options(date, accounts, out, json, help);
        }

        private static String value(String[] args, int i, String arg) {
            if (arg.contains("=")) {
                return arg.substring(arg.indexOf('=') + 1);
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException(arg + " needs a value");
            }
            return args[i + 1];
        }
    }
}
