package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.github.twitterstats.testing.LoopbackS3;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs buildspec.yml's commands the way CodeBuild runs them (one shell, in the source directory,
 * with CodeBuild's variables and the project's PACKAGE_BUCKET), with the real AWS CLI, against
 * S3Proxy (embedded, see LoopbackS3) on loopback in place of S3. The test command itself is skipped: it is what runs this
 * test (bin/test, i.e. `mvn verify`), and the jar it builds is already in target/.
 *
 * The CLI is pointed at S3Proxy with AWS_ENDPOINT_URL. AWS CLI v1 since 1.29 and v2 since 2.13
 * honour it (this machine's 1.45 and CodeBuild's v2 do). `--endpoint-url` would not do:
 * `aws cloudformation package` builds its S3 client without it. An older CLI (Debian 12's awscli
 * 2.9) ignores the variable; the upload then fails with no network, and so does this test.
 */
class BuildspecIT {

    private static final String BUCKET = "twitter-stats-packages";
    private static final String TEST_COMMAND = "bin/test";

    private static LoopbackS3 s3;
    private static String endpoint;
    @TempDir
    static Path scratch;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = LoopbackS3.forAwsCli();
        endpoint = s3.endpoint().toString();
        Result created = aws(scratch, "s3api", "create-bucket", "--bucket", BUCKET);
        assertThat(created.exitCode).as(created.output).isZero();
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void buildspecInstallsCorretto21AndPublishesThePackagedTemplateAndCachesMaven() {
        Map<String, Object> buildspec = CloudFormationYaml.parseFile(projectFile("buildspec.yml"));

        assertThat(buildspec.get("version")).isEqualTo(0.2);
        assertThat(buildspec).extractingByKey("phases").asString().contains("runtime-versions={java=corretto21}");
        assertThat(buildspec.get("artifacts")).isEqualTo(Map.of("files", List.of("packaged.yaml")));
        assertThat(buildspec.get("cache")).isEqualTo(Map.of("paths", List.of("/root/.m2/**/*")));
    }

    @Test
    void theBuildCommandsRunTheTestsThenUploadTheJarAndPointTheTemplateAtIt() throws Exception {
        List<String> commands = buildCommands();
        assertThat(commands).as("the test command runs first, so a failing test stops the build")
                .first().isEqualTo(TEST_COMMAND);
        List<String> toRun = commands.subList(1, commands.size());
        assertThat(toRun).noneMatch(command -> command.contains("mvn") || command.contains(TEST_COMMAND));

        Path source = sourceDirectoryAsCodeBuildUnpacksIt();
        Result build = runAsCodeBuild(source, toRun);

        assertThat(build.exitCode).as(build.output).isZero();
        Map<String, Object> packaged = CloudFormationYaml.parseFile(source.resolve("packaged.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> function = (Map<String, Object>) ((Map<String, Object>) packaged.get("Resources")).get("Function");
        @SuppressWarnings("unchecked")
        String codeUri = (String) ((Map<String, Object>) function.get("Properties")).get("CodeUri");
        assertThat(codeUri).startsWith("s3://" + BUCKET + "/");

        Path downloaded = scratch.resolve("downloaded.jar");
        Result download = aws(source, "s3", "cp", codeUri, downloaded.toString(), "--only-show-errors");
        assertThat(download.exitCode).as(download.output).isZero();
        assertThat(Files.mismatch(downloaded, projectFile("target/twitter-stats.jar")))
                .as("the uploaded object is byte-identical to target/twitter-stats.jar").isEqualTo(-1L);

        Template original = Template.load(Template.FUNCTION);
        assertThat(((Map<?, ?>) packaged.get("Resources")).keySet()).isEqualTo(original.resources().keySet());
        assertThat(((Map<?, ?>) function.get("Properties")).get("Handler"))
                .isEqualTo(original.properties("Function").get("Handler"));
    }

    // ------------------------------------------------------------------ CodeBuild, reproduced

    /** The commands of the phases CodeBuild runs, in its order (install, pre_build, build, post_build). */
    @SuppressWarnings("unchecked")
    private static List<String> buildCommands() {
        Map<String, Object> phases = (Map<String, Object>) CloudFormationYaml.parseFile(projectFile("buildspec.yml"))
                .get("phases");
        List<String> commands = new ArrayList<>();
        for (String phase : List.of("install", "pre_build", "build", "post_build")) {
            Map<String, Object> declared = (Map<String, Object>) phases.getOrDefault(phase, Map.of());
            commands.addAll((List<String>) declared.getOrDefault("commands", List.of()));
        }
        return commands;
    }

    /** CodeBuild unpacks the source artifact (the repository) and runs in it; the jar is already built. */
    private static Path sourceDirectoryAsCodeBuildUnpacksIt() throws IOException {
        Path source = Files.createDirectories(scratch.resolve("src"));
        Files.copy(projectFile(Template.FUNCTION), source.resolve(Template.FUNCTION));
        Files.copy(projectFile("buildspec.yml"), source.resolve("buildspec.yml"));
        Files.createDirectories(source.resolve("target"));
        Files.copy(projectFile("target/twitter-stats.jar"), source.resolve("target/twitter-stats.jar"));
        return source;
    }

    /** Buildspec 0.2 runs a build's commands in one shell, stopping at the first that fails. */
    private static Result runAsCodeBuild(Path source, List<String> commands) throws Exception {
        String script = "set -e\n" + String.join("\n", commands) + "\n";
        return run(source, List.of("/bin/sh", "-c", script));
    }

    private static Result aws(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(arguments));
        return run(directory, command);
    }

    private static Result run(Path directory, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.putAll(codeBuildEnvironment(directory));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    private static Map<String, String> codeBuildEnvironment(Path source) {
        Map<String, String> environment = new HashMap<>();
        // set by CodeBuild in every build
        environment.put("CODEBUILD_SRC_DIR", source.toString());
        environment.put("CODEBUILD_BUILD_ID", "twitter-stats-build:00000000-0000-0000-0000-000000000000");
        environment.put("CODEBUILD_RESOLVED_SOURCE_VERSION", "0000000000000000000000000000000000000000");
        environment.put("CODEBUILD_CI", "true");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_REGION", "us-east-1");
        // set by the CodeBuild project of cloudformation/twitter-stats.yaml
        environment.put("PACKAGE_BUCKET", BUCKET);
        // dummy credentials S3Proxy accepts; no developer profile or real endpoint can be reached
        environment.put("AWS_ACCESS_KEY_ID", "test-access-key");
        environment.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
        environment.remove("AWS_SESSION_TOKEN");
        environment.remove("AWS_PROFILE");
        environment.put("AWS_CONFIG_FILE", scratch.resolve("no-aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-aws-credentials").toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_ENDPOINT_URL", endpoint);
        environment.put("AWS_PAGER", "");
        return environment;
    }

    private record Result(int exitCode, String output) {
    }

    private static Path projectFile(String relative) {
        return Template.projectDirectory().resolve(relative);
    }
}
