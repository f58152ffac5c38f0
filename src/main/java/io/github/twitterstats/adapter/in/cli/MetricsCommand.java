package io.github.twitterstats.adapter.in.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.twitterstats.config.Config;
import io.github.twitterstats.config.Env;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.RunReport;
import io.github.twitterstats.wiring.Wiring;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The default command: one metrics run (or, with --dry-run, a preview), with a table or JSON on standard output. */
final class MetricsCommand {

    /** Long enough to ride out a short rate-limit window, short enough not to look hung. */
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

    private static final String USAGE = """
            Usage: java -jar twitter-stats.jar [--accounts LIST] [--dry-run] [--json] [--max-wait DURATION] [--spool-dir DIR] [--help]
                   java -jar twitter-stats.jar dashboard [--json]
                   java -jar twitter-stats.jar backup [--date YYYY-MM-DD] [--accounts LIST] [--out DIR|s3://bucket/prefix] [--json]

            Reads the public metrics of X, Bluesky and Mastodon accounts and sends them to DataDog as gauges tagged
            account:<account> and network:<x|bluesky|mastodon>.

              --accounts LIST     accounts separated by ';' ',' or spaces (overrides ACCOUNTS and ACCOUNTS_PARAMETER):
                                  X nasa or x:nasa, Bluesky nasa.bsky.social, bsky:<handle> or did:plc:...,
                                  Mastodon user@instance or mastodon:user@instance
              --dry-run           read the accounts and print the gauges, send nothing (no DataDog key needed;
                                  no X key either when the list holds no X account)
              --json              print the run summary as JSON instead of a table
              --max-wait DURATION longest wait for an X rate-limit reset, e.g. 90s, 15m (default 60s)
              --spool-dir DIR     where samples DataDog could not take wait for the next run
                                  (overrides SPOOL_DIR; default ~/.twitter-stats/spool)
              --help              this text

            Configuration comes from the environment:
            %s
            Exit codes: 0 all accounts done, 3 done but some accounts failed, 2 usage or configuration error,
            1 the run failed.
            """;

    private static final Pattern DURATION = Pattern.compile("^(\\d{1,6})(ms|s|m|h)?$");
    /**
     * The summary's writer: Jackson jr, the same bytes as databind (member order, numbers, nulls) without its
     * set-up. Built on first use (--json), not with the command: a cold run starts its X request without it.
     */
    private static final class Json {
        static final JSON WRITER = JSON.builder().enable(JSON.Feature.WRITE_NULL_PROPERTIES).build();
    }

    static final Command COMMAND = new Command("", () -> USAGE.formatted(Env.usage()), Set.of("--accounts", "--spool-dir", "--max-wait"),
            Set.of("--dry-run", "--json"), MetricsCommand::run);

    private MetricsCommand() {
    }

    private static int run(Arguments options, Command.Session session) throws Exception {
        Duration maxWait = options.value("--max-wait").map(MetricsCommand::duration).orElse(DEFAULT_MAX_WAIT);
        Config config = session.config();
        if (options.value("--spool-dir").isPresent()) {
            String directory = options.value("--spool-dir").get();
            if (directory.isBlank()) {
                throw new UsageException("--spool-dir needs a directory");
            }
            config = config.withSpoolDirectory(directory);
        }
        Wiring app = session.wiring(config);
        AccountList accounts = app.accounts(options.value("--accounts"));
        Deadline deadline = Deadline.after(maxWait, session.clock());
        boolean dryRun = options.has("--dry-run");
        RunReport report = dryRun ? app.metricsPreview(accounts).preview(accounts, deadline)
                : app.metricsRun(accounts).execute(accounts, deadline);
        if (options.has("--json")) {
            session.out().println(Json.WRITER.asString(report.summary().toMap()));
        } else {
            MetricsTable.print(report, dryRun, session.out());
        }
        return report.summary().allAccountsDone() ? Main.OK : Main.SOME_ACCOUNTS_FAILED;
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new UsageException("--max-wait takes a duration such as 90s, 15m or 1h (got '" + text + "')");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
