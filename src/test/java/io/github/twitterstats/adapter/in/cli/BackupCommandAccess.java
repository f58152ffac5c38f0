package io.github.twitterstats.adapter.in.cli;

import io.github.twitterstats.bench.CountingInterceptor;
import io.github.twitterstats.bootstrap.BackupComponents;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/** Lets the bench run the backup command with a fixed clock, as the tests do. */
public final class BackupCommandAccess {

    private BackupCommandAccess() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        return BackupCommand.run(args, out, err, clock, log -> BackupComponents.fromEnvironment(env, log, clock));
    }

    public static int s3Requests() {
        return CountingInterceptor.count("S3");
    }
}
