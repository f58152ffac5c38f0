package io.github.twitterstats.adapter.in.cli;

import io.github.twitterstats.config.FailureMessages;
import io.github.twitterstats.domain.ConfigurationException;
import io.github.twitterstats.domain.RunFailedException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command-line program: picks the command (metrics by default, {@code dashboard}, {@code backup}), runs it,
 * and turns what it throws into one exit code and one message, per the contract: 0 all done, 3 some accounts
 * failed, 2 usage or configuration error, 1 the run failed.
 */
public final class Main {

    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int USAGE_OR_CONFIGURATION = 2;
    static final int SOME_ACCOUNTS_FAILED = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, Clock.systemUTC()));
    }

    /** Runs the command line with this environment, these streams and this clock; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        List<String> all = Arrays.asList(args);
        Command command = all.isEmpty() ? MetricsCommand.COMMAND : switch (all.get(0)) {
            case "dashboard" -> DashboardCommand.COMMAND;
            case "backup" -> BackupCommand.COMMAND;
            default -> MetricsCommand.COMMAND;
        };
        List<String> rest = command.name().isEmpty() ? all : all.subList(1, all.size());
        String program = "twitter-stats" + (command.name().isEmpty() ? "" : " " + command.name());
        try {
            Arguments options = Arguments.parse(rest, command.valuedOptions(), command.flags(), command.name());
            if (options.help()) {
                out.print(command.usage());
                return OK;
            }
            return command.action().run(options, new Command.Session(env, out, err, clock));
        } catch (UsageException e) {
            err.println(program + ": " + e.getMessage() + " (see " + (command.name().isEmpty() ? "" : command.name()
                    + " ") + "--help)");
            return USAGE_OR_CONFIGURATION;
        } catch (ConfigurationException e) {
            err.println(program + ": configuration error: " + e.getMessage());
            return USAGE_OR_CONFIGURATION;
        } catch (RunFailedException e) {
            err.println(program + ": run failed: " + FailureMessages.describe(e));
            return RUN_FAILED;
        } catch (Exception e) {
            err.println(program + ": run failed: " + e);
            return RUN_FAILED;
        }
    }
}
