package io.github.twitterstats;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.github.twitterstats.adapter.in.lambda.HandlerRuntime;
import io.github.twitterstats.adapter.in.lambda.MetricsHandler;
import io.github.twitterstats.testing.NetworksWorld;
import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classes a cold metrics run of the shipped jar loads, in a fresh JVM logging every class it loads: a run that
 * goes well reads X, writes its spool, sends to DataDog and prints (or returns, or logs) its summary without
 * jackson-databind, whose set-up is hundreds of classes on the critical path of a cold start (issue 11). The CLI is
 * run as a user runs it ({@code java -jar}); the Lambda handler as the runtime calls it, by {@link HandlerOnce},
 * with nothing on the class path but the jar and that one class. 100 X accounts, and once X, Bluesky and Mastodon
 * accounts together.
 */
class MetricsRunClassesIT {

    private final NetworksWorld world = new NetworksWorld();

    @AfterEach
    void stop() {
        world.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cli --json", "cli table", "lambda handler", "cli --json, three networks"})
    void aColdMetricsRunThatGoesWellLoadsNoDatabindClass(String entry) throws Exception {
        List<String> accounts = entry.endsWith("three networks") ? world.fortyMixedAccounts()
                : world.x.addAccounts("acct", 100);
        Path classLog = Files.createTempFile("classes", ".log");
        Path out = Files.createTempFile("run-out", ".txt");
        Path err = Files.createTempFile("run-err", ".txt");
        Path jar = Path.of(System.getProperty("project.jar", "target/twitter-stats.jar"));
        assertThat(jar).as("built by `mvn package`, before the integration tests").isRegularFile();

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog));
        switch (entry) {
            case "cli table" -> command.addAll(List.of("-jar", jar.toString()));
            case "lambda handler" -> command.addAll(List.of("-cp", jar + File.pathSeparator + ownClassDirectory(),
                    HandlerOnce.class.getName()));
            default -> command.addAll(List.of("-jar", jar.toString(), "--json"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(world.env(Files.createTempDirectory("classes-spool")));
        builder.environment().put("ACCOUNTS", String.join(";", accounts));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the run finished").isTrue();

        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(Files.readString(err, StandardCharsets.UTF_8)).isZero();
        assertThat(output).as("the run went well").contains(String.valueOf(accounts.size()));
        assertThat(world.datadog.receivedSeries()).as("the gauges reached DataDog").isNotEmpty();
        List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("^.*\\[class,load\\] (\\S+) .*$", "$1")).toList();
        assertThat(loaded).as("the log names every class loaded").contains("io.github.twitterstats.domain.RunSummary");
        List<String> databind = loaded.stream().filter(name -> name.startsWith("com.fasterxml.jackson.databind.")).toList();
        assertThat(databind.size()).as("databind classes a cold run (%s) loaded, the first of them: %s", entry,
                databind.stream().limit(5).toList()).isZero();
    }

    private static String ownClassDirectory() throws Exception {
        return Path.of(HandlerOnce.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /**
     * What Lambda's runtime does for one scheduled invocation: builds the handler as its no-arg constructor does
     * (less the SnapStart registration, which needs a CRaC JVM), calls it with a Scheduled Event and prints the
     * summary it returns. Uses nothing but classes of the jar.
     */
    public static final class HandlerOnce {

        public static void main(String[] args) {
            MetricsHandler handler = new MetricsHandler(new HandlerRuntime(System.getenv(), System.err,
                    Clock.systemUTC()));
            ScheduledEvent event = new ScheduledEvent();
            event.setId("classes-it");
            Context context = (Context) Proxy.newProxyInstance(Context.class.getClassLoader(),
                    new Class<?>[] {Context.class},
                    (proxy, method, arguments) -> method.getName().equals("getRemainingTimeInMillis") ? 60_000 : null);
            System.out.println(handler.handleRequest(event, context));
        }
    }
}
