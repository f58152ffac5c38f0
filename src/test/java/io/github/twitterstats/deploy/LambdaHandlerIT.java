package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Handler samTemplate.yaml names (the metrics function's and the two backup functions')
 * exists in the jar the pipeline uploads: the class loads from target/twitter-stats.jar alone (a
 * loader that sees nothing of the test classpath) and has a public handleRequest method, and the
 * class file runs on the function's java21 runtime.
 */
class LambdaHandlerIT {

    private static final int JAVA_21_CLASS_FILE_VERSION = 65;

    /** Every function of samTemplate.yaml with its Handler. */
    static List<Arguments> handlers() {
        Template template = Template.load(Template.FUNCTION);
        List<Arguments> handlers = template.resourcesOfType("AWS::Serverless::Function").stream()
                .map(function -> Arguments.of(function, template.properties(function).get("Handler")))
                .toList();
        assertThat(handlers).as("functions in samTemplate.yaml").hasSizeGreaterThanOrEqualTo(3);
        return handlers;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("handlers")
    void theHandlerClassAndMethodExistInTheJar(String function, String handler) throws Exception {
        assertThat(handler).as(function + " Handler").isNotBlank().contains("::");
        String className = handler.substring(0, handler.indexOf("::"));
        String methodName = handler.substring(handler.indexOf("::") + 2);
        Path jar = jar();

        try (URLClassLoader fromTheJarOnly = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> handlerClass = Class.forName(className, false, fromTheJarOnly);
            Class<?> requestHandler = Class.forName("com.amazonaws.services.lambda.runtime.RequestHandler", false,
                    fromTheJarOnly);

            assertThat(Modifier.isPublic(handlerClass.getModifiers())).isTrue();
            assertThat(requestHandler.isAssignableFrom(handlerClass)).as(className + " implements RequestHandler").isTrue();
            assertThat(Arrays.stream(handlerClass.getMethods()).map(Method::getName)).contains(methodName);
            assertThat(handlerClass.getConstructor()).as("Lambda instantiates it with no arguments").isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("handlers")
    void theHandlerClassRunsOnTheJava21Runtime(String function, String handler) throws Exception {
        String entry = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";

        try (JarFile jar = new JarFile(jar().toFile())) {
            assertThat(jar.getEntry(entry)).as(entry + " in the jar").isNotNull();
            try (InputStream in = jar.getInputStream(jar.getEntry(entry));
                    DataInputStream data = new DataInputStream(in)) {
                data.readInt(); // magic
                data.readUnsignedShort(); // minor
                assertThat(data.readUnsignedShort()).isLessThanOrEqualTo(JAVA_21_CLASS_FILE_VERSION);
            }
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("project.jar", "target/twitter-stats.jar"));
        assertThat(jar).as("built by `mvn package`, before the integration tests").isRegularFile();
        return jar;
    }
}
