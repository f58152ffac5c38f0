package io.github.twitterstats.adapter.in.lambda;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** Lets tests outside this package build a handler with their own environment and log stream. */
public final class MetricsHandlerAccess {

    private MetricsHandlerAccess() {
    }

    public static MetricsHandler create(Map<String, String> env, PrintStream log) {
        return new MetricsHandler(env, log, Clock.systemUTC());
    }
}
