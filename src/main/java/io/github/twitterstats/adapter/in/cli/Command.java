package io.github.twitterstats.adapter.in.cli;

import io.github.twitterstats.config.Config;
import io.github.twitterstats.wiring.Wiring;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** One subcommand: parses its options, runs, and returns the exit code; Main maps what it throws. */
interface Command {

    /** The command's name in error messages: "" for the default (metrics) command. */
    String name();

    int run(List<String> args, Session session) throws Exception;

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
