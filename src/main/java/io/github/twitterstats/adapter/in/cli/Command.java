package io.github.twitterstats.adapter.in.cli;

import io.github.twitterstats.config.Config;
import io.github.twitterstats.wiring.Wiring;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One subcommand: its name ("" for the default, metrics), its help text, the options it takes, and what it does
 * with them. Main tokenizes the arguments, answers --help, runs the action and maps what it throws. The help text
 * is written only when asked for: the metrics command's lists every variable with String.format, which a cold run
 * would otherwise pay for (~20 ms) before its first request.
 */
record Command(String name, Supplier<String> usageText, Set<String> valuedOptions, Set<String> flags, Action action) {

    String usage() {
        return usageText.get();
    }

    /** Runs the command with its parsed options; returns the exit code. */
    @FunctionalInterface
    interface Action {
        int run(Arguments options, Session session) throws Exception;
    }

    /** What a command runs with: the environment, the output streams and the clock. */
    record Session(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {

        Config config() {
            return Config.from(env);
        }

        Wiring wiring(Config config) {
            return new Wiring(config, Wiring.consoleLog(err), clock);
        }
    }
}
