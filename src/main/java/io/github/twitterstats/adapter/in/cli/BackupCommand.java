package io.github.twitterstats.adapter.in.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.application.BackupScheduler;
import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.BackupSummary;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.wiring.Wiring;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code twitter-stats backup}: the same backup as the scheduler and workers, run in this process for one day, into
 * a local directory (default {@code ./backup}) or an S3 location, in the same layout. Exit codes as for the metrics
 * command: 0 all done, 3 some accounts failed, 2 usage or configuration error, 1 the run failed.
 */
final class BackupCommand {

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

    static final Command COMMAND = new Command("backup", () -> USAGE, Set.of("--date", "--accounts", "--out"),
            Set.of("--json"), BackupCommand::run);

    private BackupCommand() {
    }

    private static int run(Arguments options, Command.Session session) throws Exception {
        LocalDate day = day(options, session.clock());
        String out = options.value("--out").orElse("backup");
        if (out.isBlank() || out.equals("s3://") || out.startsWith("s3:///")) {
            throw new UsageException("--out needs a directory or s3://bucket/prefix");
        }
        Wiring app = session.wiring(session.config().withArchiveTarget(out));
        AccountList accounts = app.accounts(options.value("--accounts"));
        BackupSummary summary = app.backupRun().run(accounts, day, Deadline.after(MAX_WAIT, session.clock()));
        if (options.has("--json")) {
            session.out().println(JSON.writeValueAsString(summary.toMap()));
        } else {
            print(summary, out, session.out());
        }
        return summary.allAccountsDone() ? Main.OK : Main.SOME_ACCOUNTS_FAILED;
    }

    private static LocalDate day(Arguments options, Clock clock) {
        if (options.value("--date").isEmpty()) {
            return BackupScheduler.previousUtcDay(clock.instant());
        }
        String value = options.value("--date").get();
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--date must be a day as YYYY-MM-DD (got '" + value + "')");
        }
        if (!date.isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1))) {
            throw new UsageException("--date " + date + " is in the future (UTC)");
        }
        return date;
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
}
