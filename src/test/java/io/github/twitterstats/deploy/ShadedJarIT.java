package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the shade filters trim from target/twitter-stats.jar (pom.xml: datadog-api-client down to the dashboard's
 * models, aws-lambda-java-events down to the handlers' events) leaves a jar that still works where a trim would
 * break it: no class the jar carries names a class of a trimmed library that the jar lacks, and every handler's
 * event is read from the jar alone by the serializers the Lambda Java runtime uses. (The dashboard command itself
 * runs from the jar in BuildspecIT, the metrics run in CliJarIT.)
 */
class ShadedJarIT {

    /** The libraries the shade filters cut down to part of themselves. */
    private static final List<String> TRIMMED = List.of("com/datadog/", "com/amazonaws/services/lambda/runtime/events/");
    private static final Pattern CLASS_NAME = Pattern.compile(
            "(?:" + TRIMMED.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")[A-Za-z0-9_/$]+");

    /** An event of each type a handler takes, as Lambda delivers it. */
    private static final Map<String, String> EVENTS = Map.of(
            "com.amazonaws.services.lambda.runtime.events.ScheduledEvent", resource("/events/scheduled-event.json"),
            "com.amazonaws.services.lambda.runtime.events.SQSEvent", """
                    {"Records":[{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a",
                      "body":"{\\"handle\\":\\"NASA\\",\\"user_id\\":\\"11348282\\",\\"day\\":\\"2026-03-07\\"}",
                      "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183","SenderId":"AIDAIENQZJOLO23YVJ4VO",
                                    "ApproximateFirstReceiveTimestamp":"1545082649185"},
                      "messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3","eventSource":"aws:sqs",
                      "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:twitter-stats-backup","awsRegion":"us-east-1"}]}
                    """);

    private static URLClassLoader fromTheJarOnly;

    @Test
    void noClassInTheJarNamesAClassOfATrimmedLibraryThatTheJarLacks() throws IOException {
        Set<String> missing = new TreeSet<>();
        int scanned = 0;
        try (JarFile jar = new JarFile(jar().toFile())) {
            Set<String> entries = Collections.list(jar.entries()).stream().map(ZipEntry::getName)
                    .collect(Collectors.toSet());
            for (String entry : entries) {
                if (!entry.endsWith(".class")) {
                    continue;
                }
                scanned++;
                String constants;
                try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                    constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                Matcher named = CLASS_NAME.matcher(constants);
                while (named.find()) {
                    String name = named.group();
                    boolean isPackage = entries.contains(name + "/") || name.endsWith("/");
                    if (!isPackage && !entries.contains(name + ".class")) {
                        missing.add(name + " (named by " + entry + ")");
                    }
                }
            }
        }
        assertThat(scanned).as("classes in the jar").isGreaterThan(1_000);
        assertThat(missing).as("classes the jar names but lacks: widen the shade filter's includes in pom.xml")
                .isEmpty();
    }

    static List<Arguments> handlers() {
        Template template = Template.load(Template.FUNCTION);
        return template.resourcesOfType("AWS::Serverless::Function").stream()
                .map(function -> Arguments.of(function, template.properties(function).get("Handler")))
                .toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("handlers")
    void theHandlersEventIsReadFromTheJarAloneAsTheLambdaRuntimeReadsIt(String function, String handler)
            throws Exception {
        String className = handler.substring(0, handler.indexOf("::"));
        Class<?> handlerClass = Class.forName(className, false, fromTheJarOnly);
        // getMethods() resolves every type of the signature: the event taken and the answer given
        Method handleRequest = Arrays.stream(handlerClass.getMethods())
                .filter(m -> m.getName().equals("handleRequest") && !m.isBridge()).findFirst().orElseThrow();
        Class<?> eventType = handleRequest.getParameterTypes()[0];
        String json = EVENTS.get(eventType.getName());
        assertThat(json).as(function + " takes " + eventType.getName() + ": add an example event here").isNotNull();

        Object event = fromJson(eventType, fromTheJarOnly, json);
        String again = toJson(eventType, fromTheJarOnly, event);

        if (eventType.getSimpleName().equals("ScheduledEvent")) {
            // what BackupSchedulerHandler reads: the scheduled time, a joda DateTime
            Object time = eventType.getMethod("getTime").invoke(event);
            long millis = (long) time.getClass().getMethod("getMillis").invoke(time);
            assertThat(Instant.ofEpochMilli(millis)).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
            assertThat(again).contains("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa");
        } else {
            List<?> records = (List<?>) eventType.getMethod("getRecords").invoke(event);
            Object body = records.get(0).getClass().getMethod("getBody").invoke(records.get(0));
            assertThat(body).isEqualTo("{\"handle\":\"NASA\",\"user_id\":\"11348282\",\"day\":\"2026-03-07\"}");
            assertThat(again).contains("059f36b4-87a3-44ab-83d2-661975830a7d");
        }
    }

    @BeforeAll
    static void loadTheJar() throws IOException {
        // one loader for every handler, as in one Lambda runtime: the runtime's serializers keep what they
        // resolved (joda's DateTime for ScheduledEvent) per class name, for the life of the process
        fromTheJarOnly = new URLClassLoader(new URL[] {jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void closeTheJar() throws IOException {
        fromTheJarOnly.close();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object fromJson(Class<?> type, ClassLoader loader, String json) {
        return LambdaEventSerializers.serializerFor((Class) type, loader)
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String toJson(Class<?> type, ClassLoader loader, Object event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor((Class) type, loader).toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = ShadedJarIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name, e);
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("project.jar", "target/twitter-stats.jar"));
        assertThat(jar).as("built by `mvn package`, before the integration tests").isRegularFile();
        return jar;
    }
}
