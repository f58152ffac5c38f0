package io.github.twitterstats.bootstrap;

import io.github.twitterstats.adapter.out.datadog.DatadogMetricsSink;
import io.github.twitterstats.adapter.out.x.XClient;
import io.github.twitterstats.adapter.out.x.XMetricsSource;
import io.github.twitterstats.config.DatadogCredentials;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.port.RunLog;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * SnapStart priming: runs the code paths a first invocation pays for once (class loading, static
 * initialisers, the DataDog series payload's JSON generator and compressor, twitter4j's
 * configuration) so the snapshot already holds them. Entirely offline and with placeholder
 * credentials: the clients built here are thrown away and no request leaves the process. Real
 * clients and secrets are built after
 * restore, on the first invocation.
 */
public final class Priming {

    private static final String PLACEHOLDER = "priming-placeholder-not-a-credential";

    private Priming() {
    }

    public static void prime() {
        new DatadogMetricsSink(new DatadogCredentials(PLACEHOLDER, Optional.empty()),
                URI.create("https://api.datadoghq.com"), RunLog.SILENT, Clock.systemUTC()).warmUp();
        new XMetricsSource(XClient.create(new XCredentials.BearerToken(PLACEHOLDER), URI.create("https://api.x.com"),
                RunLog.SILENT, Clock.systemUTC()), 1);
    }
}
