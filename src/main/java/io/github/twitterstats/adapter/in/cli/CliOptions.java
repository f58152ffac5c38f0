package io.github.twitterstats.adapter.in.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metrics command's options, parsed strictly: an unknown or malformed option is a usage error. */
record CliOptions(Optional<String> accounts, boolean dryRun, boolean json, boolean help, Duration maxWait,
                  Optional<String> spoolDir) {

    /** Long enough to ride out a short rate-limit window, short enough not to look hung. */
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);

    static final String USAGE = """
            Usage: java -jar twitter-stats.jar [--accounts LIST] [--dry-run] [--json] [--max-wait DURATION] [--spool-dir DIR] [--help]
                   java -jar twitter-stats.jar dashboard [--json]
                   java -jar twitter-stats.jar backup [--date YYYY-MM-DD] [--accounts LIST] [--out DIR|s3://bucket/prefix] [--json]

            Reads the public metrics of X accounts and sends them to DataDog as gauges tagged account:<handle>.

              --accounts LIST     handles separated by ';' ',' or spaces (overrides ACCOUNTS and ACCOUNTS_PARAMETER)
              --dry-run           read X and print the gauges, send nothing (no DataDog key needed)
              --json              print the run summary as JSON instead of a table
              --max-wait DURATION longest wait for an X rate-limit reset, e.g. 90s, 15m (default 60s)
              --spool-dir DIR     where samples DataDog could not take wait for the next run
                                  (overrides SPOOL_DIR; default ~/.twitter-stats/spool)
              --help              this text

            Configuration comes from the environment: ACCOUNTS or ACCOUNTS_PARAMETER; X_BEARER_TOKEN, or
            X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET, or X_CREDENTIALS_SECRET;
            DD_API_KEY (DD_APP_KEY) or DD_CREDENTIALS_SECRET; DD_SITE or DD_API_URL; METRIC_PREFIX; EXTRA_TAGS; X_API_URL;
            SPOOL_DIR, or SPOOL_BUCKET and SPOOL_PREFIX for a spool in S3.

            Exit codes: 0 all accounts done, 3 done but some accounts failed, 2 usage or configuration error,
            1 the run failed.
            """;

    private static final Pattern DURATION = Pattern.compile("^(\\d{1,6})(ms|s|m|h)?$");

    static CliOptions parse(String[] args) {
        Optional<String> accounts = Optional.empty();
        boolean dryRun = false;
        boolean json = false;
        boolean help = false;
        Duration maxWait = DEFAULT_MAX_WAIT;
        Optional<String> spoolDir = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                inlineValue = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--json" -> json = true;
                case "--help", "-h" -> help = true;
                case "--accounts" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, arg);
                    accounts = Optional.of(value);
                }
                case "--spool-dir" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, i++, arg);
                    if (value.isBlank()) {
                        throw new UsageException("--spool-dir needs a directory");
                    }
                    spoolDir = Optional.of(value);
                }
                case "--max-wait" -> maxWait = duration(inlineValue != null ? inlineValue : valueAfter(args, i++, arg));
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        return new CliOptions(accounts, dryRun, json, help, maxWait, spoolDir);
    }

    private static String valueAfter(String[] args, int index, String option) {
        if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index + 1];
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

    /** A command line the program cannot act on: exit code 2 with the message and a pointer to --help. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
