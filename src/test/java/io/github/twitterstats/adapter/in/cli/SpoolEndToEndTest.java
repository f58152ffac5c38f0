package io.github.twitterstats.adapter.in.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.testing.FakeDatadogApi;
import io.github.twitterstats.testing.FakeDatadogApi.Point;
import io.github.twitterstats.testing.FakeDatadogApi.ReceivedSeries;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantee end to end: the command line with its real X and DataDog clients and a
 * spool directory, against the strict loopback fakes. DataDog's faults are the fake's: 500s and
 * connections reset without an answer.
 */
class SpoolEndToEndTest {

    private static final String BEARER = "spool-e2e-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    /** 3 accounts x 5 gauges (the fake X sends no media_count) + 6 run-health gauges. */
    private static final int PER_RUN = 3 * 5 + 7;

    private final MutableClock clock = new MutableClock(START);
    private final FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(BEARER));
    private final FakeDatadogApi datadog = new FakeDatadogApi(FakeDatadogApi.DEFAULT_API_KEY, clock).start();

    @TempDir
    Path spoolDir;

    @AfterEach
    void stop() {
        x.close();
        datadog.close();
    }

    private Map<String, String> env() {
        x.addAccount("nasa");
        x.addAccount("esa");
        x.addAccount("jaxa");
        Map<String, String> env = new HashMap<>();
        env.put("ACCOUNTS", "nasa;esa;jaxa");
        env.put("X_BEARER_TOKEN", BEARER);
        env.put("X_API_URL", x.baseUrl().toString());
        env.put("DD_API_KEY", datadog.apiKey());
        env.put("DD_API_URL", datadog.baseUrl().toString());
        return env;
    }

    /** One CLI run: exit code, the --json summary (null when the run failed) and standard error. */
    private record Run(int exitCode, JsonNode summary, String err) {
        int count(String field) {
            return summary.get(field).asInt();
        }
    }

    private Run run(Map<String, String> env, Clock clock) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--json", "--spool-dir", spoolDir.toString()}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                clock);
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        return new Run(code, printed.isEmpty() ? null : JSON.readTree(printed), err.toString(StandardCharsets.UTF_8));
    }

    /** The spool log line's summary, as a failed run prints it on standard error. */
    private static String spoolCounts(String err) {
        int at = err.indexOf("wait in the spool for the next run");
        return at < 0 ? "" : err.substring(at, err.indexOf('\n', at));
    }

    private static Set<Long> timestamps(List<ReceivedSeries> series) {
        Set<Long> stamps = new HashSet<>();
        series.forEach(s -> s.points().forEach(p -> stamps.add(p.timestamp())));
        return stamps;
    }

    @Test
    void datadogDownForThreeRunsThenUpDeliversEverySampleOfTheThreeRunsExactlyOnceWithItsTimestampInTheFourth()
            throws Exception {
        Map<String, String> env = env();
        List<String> counts = new ArrayList<>();

        datadog.failAlways(500);
        Run first = run(env, clock);
        datadog.clearFaults().dropNextConnections(Integer.MAX_VALUE);
        clock.advance(Duration.ofMinutes(5));
        Run second = run(env, clock);
        datadog.clearFaults().failNext(2, 503).dropNextConnections(Integer.MAX_VALUE);
        clock.advance(Duration.ofMinutes(5));
        Run third = run(env, clock);
        for (Run down : List.of(first, second, third)) {
            assertThat(down.exitCode()).as("a run DataDog did not take fails: exit 1").isEqualTo(1);
            assertThat(down.err()).contains("run failed").contains("wait in the spool");
            counts.add(spoolCounts(down.err()));
        }
        assertThat(datadog.receivedSeries()).as("nothing got through while DataDog was down").isEmpty();
        assertThat(counts.get(0)).contains("spooled=" + PER_RUN).contains("resent=0").contains("expired=0");
        assertThat(counts.get(1)).contains("spooled=" + 2 * PER_RUN);
        assertThat(counts.get(2)).contains("spooled=" + 3 * PER_RUN);

        datadog.clearFaults();
        clock.advance(Duration.ofMinutes(5));
        Run fourth = run(env, clock);

        assertThat(fourth.exitCode()).isZero();
        assertThat(fourth.count("resent")).isEqualTo(3 * PER_RUN);
        assertThat(fourth.count("expired")).isZero();
        assertThat(fourth.count("spooled")).isZero();
        assertThat(fourth.count("series_sent")).isEqualTo(4 * PER_RUN);
        assertThat(fourth.count("datadog_requests")).as("one request per spooled batch, oldest first, then its own")
                .isEqualTo(4);
        List<ReceivedSeries> received = datadog.receivedSeries();
        assertThat(received).hasSize(4 * PER_RUN).doesNotHaveDuplicates();
        assertThat(datadog.droppedSeries()).isEmpty();
        // each run's samples arrive in their own request, oldest run first, each with its original timestamp
        List<Long> requestTimestamps = datadog.requests().stream().filter(r -> r.status() == 202)
                .map(r -> timestamps(r.accepted())).map(set -> set.iterator().next()).toList();
        long t0 = START.getEpochSecond();
        assertThat(requestTimestamps).containsExactly(t0, t0 + 300, t0 + 600, t0 + 900);
        assertThat(datadog.requests()).filteredOn(r -> r.status() == 202)
                .allSatisfy(r -> assertThat(timestamps(r.accepted())).hasSize(1));
        // the followers gauge of each account once per run: four distinct points
        assertThat(received).filteredOn(s -> s.metric().equals("twitter.followers_count")
                && s.tags().contains("account:nasa")).hasSize(4);
        // the run-health gauges of the down runs arrive too, saying what they found
        assertThat(received).filteredOn(s -> s.metric().equals("twitter.run.spooled"))
                .extracting(s -> s.points().get(0).value()).containsExactly(0.0, (double) PER_RUN, 2.0 * PER_RUN, 0.0);
        try (var left = Files.list(spoolDir)) {
            assertThat(left).as("the spool is empty again").isEmpty();
        }
        System.out.printf("three runs down then up: %s | %s | %s | fourth: %s; series received by DataDog: %d%n",
                counts.get(0), counts.get(1), counts.get(2), fourth.summary(), received.size());
    }

    @Test
    void aSpooledSampleOlderThanDatadogsWindowIsDroppedCountedAndNeverSent() throws Exception {
        Map<String, String> env = env();
        datadog.failAlways(500);
        run(env, clock);
        datadog.clearFaults();
        clock.advance(Duration.ofMinutes(61));

        Run later = run(env, clock);

        assertThat(later.exitCode()).isZero();
        assertThat(later.count("expired")).isEqualTo(PER_RUN);
        assertThat(later.count("resent")).isZero();
        assertThat(later.count("series_sent")).isEqualTo(PER_RUN);
        assertThat(later.err()).contains("too old for DataDog dropped unsent").contains("count=" + PER_RUN);
        assertThat(datadog.receivedSeries()).allSatisfy(s ->
                assertThat(s.points()).extracting(Point::timestamp).containsOnly(clock.instant().getEpochSecond()));
        assertThat(datadog.droppedSeries()).as("never even sent").isEmpty();
        assertThat(datadog.receivedSeries()).filteredOn(s -> s.metric().equals("twitter.run.expired"))
                .extracting(s -> s.points().get(0).value()).containsExactly((double) PER_RUN);
    }

    /**
     * A real process killed with SIGKILL while DataDog holds its request: DataDog has taken the
     * series (the fake records them, then answers late), the process never saw the 202. Nothing
     * is lost, and what the next run sends again are the very same points (metric, tags,
     * timestamp, value): gauges at one timestamp are one point to DataDog, the latest value wins
     * (docs.datadoghq.com/metrics/custom_metrics/historical_metrics), so nothing counts twice.
     */
    @Test
    void aProcessKilledMidSendLosesNothingAndWhatItResendsAreIdenticalPoints() throws Exception {
        Map<String, String> env = env();
        datadog.delayNext(1, Duration.ofSeconds(30));
        Process child = startCli(env);
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (datadog.receivedSeries().isEmpty() && child.isAlive() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(datadog.receivedSeries()).as("DataDog has the series; the child waits for the answer")
                    .hasSize(PER_RUN);
            assertThat(child.isAlive()).isTrue();
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        List<ReceivedSeries> beforeDeath = datadog.receivedSeries();
        try (var left = Files.list(spoolDir)) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".json"))).hasSize(1);
        }

        // the next scheduled run, five minutes on (two runs in one second would share timestamps)
        Run next = run(env, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)));

        assertThat(next.exitCode()).isZero();
        assertThat(next.count("resent")).isEqualTo(PER_RUN);
        List<ReceivedSeries> all = datadog.receivedSeries();
        assertThat(all.subList(PER_RUN, 2 * PER_RUN)).as("re-sent: the same points").containsExactlyElementsOf(beforeDeath);
        // per metric, tags and timestamp there is exactly one value: DataDog stores one point each
        Map<String, Set<Double>> valuesByPoint = new LinkedHashMap<>();
        for (ReceivedSeries s : all) {
            for (Point p : s.points()) {
                valuesByPoint.computeIfAbsent(s.metric() + s.tags() + "@" + p.timestamp(), k -> new HashSet<>())
                        .add(p.value());
            }
        }
        assertThat(valuesByPoint.values()).allSatisfy(values -> assertThat(values).hasSize(1));
        try (var left = Files.list(spoolDir)) {
            assertThat(left).isEmpty();
        }
    }

    private Process startCli(Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--json", "--spool-dir", spoolDir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", spoolDir.resolve("home").toString()); // never the developer's
        return builder.start();
    }

    @SuppressWarnings("unused")
    private static String pathSeparator() {
        return File.pathSeparator;
    }
}
