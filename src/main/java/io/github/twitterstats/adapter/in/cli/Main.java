package io.github.twitterstats.adapter.in.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.adapter.out.log.ConsoleRunLog;
import io.github.twitterstats.bootstrap.Components;
import io.github.twitterstats.domain.AccountList;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.domain.RunReport;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/** The command-line program: the same run as the Lambda, with a table or JSON on standard output. */
public final class Main {

    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int USAGE_OR_CONFIGURATION = 2;
    static final int SOME_ACCOUNTS_FAILED = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, Clock.systemUTC()));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        if (args.length > 0 && "backup".equals(args[0])) {
            return BackupCommand.run(Arrays.copyOfRange(args, 1, args.length), env, out, err);
        }
        try {
            if (args.length > 0 && args[0].equals("dashboard")) {
                return DashboardCommand.run(Arrays.copyOfRange(args, 1, args.length),
                        Components.fromEnvironment(env, new ConsoleRunLog(err), clock), out);
            }
            CliOptions options = CliOptions.parse(args);
            if (options.help()) {
                out.print(CliOptions.USAGE);
                return OK;
            }
            Components app = Components.fromEnvironment(env, new ConsoleRunLog(err), clock);
            AccountList accounts = app.accounts().read(options.accounts());
            Deadline deadline = Deadline.after(options.maxWait(), clock);
            RunReport report = options.dryRun()
                    ? app.metricsPreview().preview(accounts, deadline)
                    : app.metricsRun(options.spoolDir()).execute(accounts, deadline);
            if (options.json()) {
                out.println(JSON.writeValueAsString(report.summary().toMap()));
            } else {
                MetricsTable.print(report, options.dryRun(), out);
            }
            return report.summary().allAccountsDone() ? OK : SOME_ACCOUNTS_FAILED;
        } catch (CliOptions.UsageException e) {
            err.println("twitter-stats: " + e.getMessage() + " (see --help)");
            return USAGE_OR_CONFIGURATION;
        } catch (ConfigurationException e) {
            err.println("twitter-stats: configuration error: " + e.getMessage());
            return USAGE_OR_CONFIGURATION;
        } catch (RunFailedException e) {
            err.println("twitter-stats: run failed: " + explained(e));
            return RUN_FAILED;
        } catch (Exception e) {
            err.println("twitter-stats: run failed: " + e);
            return RUN_FAILED;
        }
    }

    /**
     * The failure's message plus, for rejected credentials, what to set. (Interim edge on the core branch: the
     * wiring branch's edge replaces it.)
     */
    static String explained(RunFailedException e) {
        if (!(e instanceof io.github.twitterstats.domain.CredentialsRejectedException rejected)) {
            return e.getMessage();
        }
        String check = switch (rejected.service()) {
            case X -> "X_BEARER_TOKEN, or X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET"
                    + " (or the secret named by X_CREDENTIALS_SECRET)";
            case DATADOG -> "DD_API_KEY (or api_key in DD_CREDENTIALS_SECRET), and that DD_SITE (or DD_API_URL)"
                    + " is the site the key belongs to";
            case DATADOG_DASHBOARDS -> "DD_API_KEY and DD_APP_KEY (or api_key/app_key in DD_CREDENTIALS_SECRET),"
                    + " that the application key may write dashboards, and DD_SITE";
            default -> "the credentials for " + rejected.service();
        };
        return e.getMessage() + ": check " + check;
    }
}
