package io.github.twitterstats.adapter.in.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** Lets tests outside this package run the command line with their own environment and streams. */
public final class MainAccess {

    private MainAccess() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return Main.run(args, env, out, err, Clock.systemUTC());
    }
}
