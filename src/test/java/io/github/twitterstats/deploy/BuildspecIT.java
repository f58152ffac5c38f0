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
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.twitterstats.testing.FakeDatadogDashboards;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.github.twitterstats.testing.FakeAwsServices;
import io.github.twitterstats.testing.FakeDatadogApi;
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
 * The CLI gets S3Proxy through AWS_ENDPOINT_URL_S3 (the service-specific form of the same setting),
 * so that AWS_ENDPOINT_URL can point the jar's Secrets Manager client at FakeAwsServices.
 *
 * The last step, bin/deploy-dashboard, runs the jar's dashboard command against FakeDatadogApi's
 * Dashboards API: the one variable CodeBuild would not have is DD_API_URL, which sends the command
 * to the fake instead of the DD_SITE the project sets. Its four outcomes are exercised: no
 * application key given to the stack (skipped), created then updated in place, a secret without
 * app_key (skipped), and DataDog refusing the keys (a warning; the build still succeeds).
 */
class BuildspecIT {

    private static final String BUCKET = "twitter-stats-packages";
    // Through bash: CodePipeline's source zip may drop the executable bit.
    private static final String TEST_COMMAND = "bash bin/test";
    private static final String DASHBOARD_COMMAND = "bash bin/deploy-dashboard";
    /** The DataDog secret's ARN as the CodeBuild project gets it; FakeAwsServices keys it by its last part. */
    private static final String SECRET_NAME = "twitter-stats-pipeline/datadog-credentials-AbCdEf";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + SECRET_NAME;

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
        assertThat(buildspec.get("artifacts"))
                .isEqualTo(Map.of("files", List.of("packaged.yaml", "template-configuration.json")));
        assertThat(buildspec.get("cache")).isEqualTo(Map.of("paths", List.of("/root/.m2/**/*")));
    }

    @Test
    void theBuildCommandsRunTheTestsThenUploadTheJarAndPointTheTemplateAtIt() throws Exception {
        Path source = sourceDirectoryAsCodeBuildUnpacksIt("no-app-key");
        Result build;
        try (FakeDatadogApi datadog = new FakeDatadogApi().start()) {
            // the stack was given no application key: the project sets no DASHBOARD_DD_CREDENTIALS_SECRET
            build = runAsCodeBuild(source, commandsAfterTheTests(), Map.of("DD_API_URL", datadog.baseUrl().toString()));
            assertThat(datadog.requestCount()).as("no DataDog request without an application key").isZero();
        }

        assertThat(build.exitCode).as(build.output).isZero();
        assertThat(build.output).contains("dashboard: skipped: the stack was given no DataDog application key");
        Map<String, Object> packaged = CloudFormationYaml.parseFile(source.resolve("packaged.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> function = (Map<String, Object>) ((Map<String, Object>) packaged.get("Resources")).get("Function");
        @SuppressWarnings("unchecked")
        String codeUri = (String) ((Map<String, Object>) function.get("Properties")).get("CodeUri");
        assertThat(codeUri).startsWith("s3://" + BUCKET + "/");
        CfnLint lint = CfnLint.check(source.resolve("packaged.yaml"));
        assertThat(lint.clean()).as("the packaged template: %s", lint).isTrue();

        Path downloaded = scratch.resolve("downloaded.jar");
        Result download = aws(source, "s3", "cp", codeUri, downloaded.toString(), "--only-show-errors");
        assertThat(download.exitCode).as(download.output).isZero();
        assertThat(Files.mismatch(downloaded, projectFile("target/twitter-stats.jar")))
                .as("the uploaded object is byte-identical to target/twitter-stats.jar").isEqualTo(-1L);

        Template original = Template.load(Template.FUNCTION);
        assertThat(((Map<?, ?>) packaged.get("Resources")).keySet()).isEqualTo(original.resources().keySet());
        assertThat(((Map<?, ?>) function.get("Properties")).get("Handler"))
                .isEqualTo(original.properties("Function").get("Handler"));

        // The Deploy stage's TemplateConfiguration: the project's value, written out as JSON.
        Map<String, Map<String, String>> configuration = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(source.resolve("template-configuration.json").toFile(), new com.fasterxml.jackson.core.type.TypeReference<>() {
                });
        assertThat(configuration.get("Parameters")).containsEntry("FunctionName", IamCoverageTest.FUNCTION_NAME)
                .containsEntry("BackupSchedule", "cron(0 10 * * ? *)");
        assertThat(configuration.get("Parameters").keySet()).isSubsetOf(original.parameters().keySet());
    }

    @Test
    void theDashboardStepRunsLastAndOnlyAfterTheTestsAndThePackaging() {
        List<String> commands = buildCommands();

        assertThat(commands).as("a failing test or packaging never reaches the dashboard").last().isEqualTo(DASHBOARD_COMMAND);
        assertThat(commands.indexOf(DASHBOARD_COMMAND)).isGreaterThan(commands.indexOf(TEST_COMMAND));
        assertThat(commands.get(commands.size() - 2)).startsWith("aws cloudformation package");
    }

    @Test
    void withAnAppKeyEveryBuildCreatesTheDashboardOnceThenUpdatesItInPlace() throws Exception {
        try (FakeDatadogApi datadog = new FakeDatadogApi().start(); FakeAwsServices aws = new FakeAwsServices()) {
            aws.secret(SECRET_NAME, "{\"api_key\":\"" + FakeDatadogApi.DEFAULT_API_KEY + "\",\"app_key\":\""
                    + FakeDatadogApi.DEFAULT_APP_KEY + "\"}");
            Map<String, String> project = withTheDashboardSecret(datadog, aws);

            Result first = runAsCodeBuild(sourceDirectoryAsCodeBuildUnpacksIt("app-key-1"), commandsAfterTheTests(), project);
            Result second = runAsCodeBuild(sourceDirectoryAsCodeBuildUnpacksIt("app-key-2"), commandsAfterTheTests(), project);

            assertThat(first.exitCode).as(first.output).isZero();
            assertThat(second.exitCode).as(second.output).isZero();
            assertThat(datadog.dashboards().stored()).as("one dashboard after two builds").hasSize(1);
            String id = datadog.dashboards().stored().keySet().iterator().next();
            JsonNode dashboard = datadog.dashboards().stored().get(id);
            assertThat(dashboard.path("title").asText()).isEqualTo("X accounts");
            assertThat(dashboard.path("description").asText()).contains("[twitter-stats:x-accounts]");
            assertThat(dashboard.toString()).as("METRIC_PREFIX of the project").contains("twitter.followers_count");
            assertThat(datadog.dashboards().writes()).extracting(FakeDatadogDashboards.Write::method)
                    .containsExactly("POST", "PUT");
            String link = datadog.baseUrl().toString().replaceAll("/+$", "") + "/dashboard/" + id;
            assertThat(first.output).containsPattern("dashboard: created \"X accounts\": " + Pattern.quote(link) + "\\S*");
            assertThat(second.output).containsPattern("dashboard: updated \"X accounts\": " + Pattern.quote(link) + "\\S*");
            assertThat(aws.calls()).containsOnly("GetSecretValue " + SECRET_ARN);
            assertThat(first.output + second.output).doesNotContain(FakeDatadogApi.DEFAULT_API_KEY)
                    .doesNotContain(FakeDatadogApi.DEFAULT_APP_KEY);
        }
    }

    @Test
    void aSecretWithoutAnAppKeySkipsTheDashboardAndTheBuildSucceeds() throws Exception {
        try (FakeDatadogApi datadog = new FakeDatadogApi().start(); FakeAwsServices aws = new FakeAwsServices()) {
            aws.secret(SECRET_NAME, "{\"api_key\":\"" + FakeDatadogApi.DEFAULT_API_KEY + "\"}");

            Path source = sourceDirectoryAsCodeBuildUnpacksIt("secret-without-app-key");
            Result build = runAsCodeBuild(source, commandsAfterTheTests(), withTheDashboardSecret(datadog, aws));

            assertThat(build.exitCode).as(build.output).isZero();
            assertThat(build.output).contains("DD_APP_KEY").contains("dashboard: skipped: the dashboard command exited 2");
            assertThat(datadog.requestCount()).isZero();
            assertThat(source.resolve("packaged.yaml")).exists();
        }
    }

    @Test
    void dataDogRefusingTheKeysIsAWarningNotAFailedDeploy() throws Exception {
        String wrongAppKey = "wrong-app-key-00000000000000000000000000000000";
        try (FakeDatadogApi datadog = new FakeDatadogApi().start(); FakeAwsServices aws = new FakeAwsServices()) {
            aws.secret(SECRET_NAME, "{\"api_key\":\"" + FakeDatadogApi.DEFAULT_API_KEY + "\",\"app_key\":\""
                    + wrongAppKey + "\"}");

            Path source = sourceDirectoryAsCodeBuildUnpacksIt("refused");
            Result build = runAsCodeBuild(source, commandsAfterTheTests(), withTheDashboardSecret(datadog, aws));

            assertThat(build.exitCode).as(build.output).isZero();
            assertThat(build.output).contains("HTTP 403")
                    .contains("dashboard: WARNING: not created or updated: the dashboard command exited 1")
                    .doesNotContain(wrongAppKey).doesNotContain(FakeDatadogApi.DEFAULT_API_KEY);
            assertThat(datadog.dashboards().writes()).isEmpty();
            assertThat(source.resolve("packaged.yaml")).exists();
        }
    }

    // ------------------------------------------------------------------ CodeBuild, reproduced

    /** Everything after the test command, which must come first and appear once. */
    private static List<String> commandsAfterTheTests() {
        List<String> commands = buildCommands();
        assertThat(commands).as("the test command runs first, so a failing test stops the build")
                .first().isEqualTo(TEST_COMMAND);
        List<String> toRun = commands.subList(1, commands.size());
        assertThat(toRun).noneMatch(command -> command.contains("mvn") || command.contains(TEST_COMMAND));
        return toRun;
    }

    /**
     * The project's variables when the stack was given an application key (the secret's ARN), and
     * the two loopback peers: DD_API_URL (wins over DD_SITE) and AWS_ENDPOINT_URL for Secrets Manager.
     */
    private static Map<String, String> withTheDashboardSecret(FakeDatadogApi datadog, FakeAwsServices aws) {
        return Map.of("DASHBOARD_DD_CREDENTIALS_SECRET", SECRET_ARN,
                "DD_API_URL", datadog.baseUrl().toString(),
                "AWS_ENDPOINT_URL", aws.endpoint().toString());
    }

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
    private static Path sourceDirectoryAsCodeBuildUnpacksIt(String name) throws IOException {
        Path source = Files.createDirectories(scratch.resolve("src-" + name));
        Files.copy(projectFile(Template.FUNCTION), source.resolve(Template.FUNCTION));
        Files.copy(projectFile("buildspec.yml"), source.resolve("buildspec.yml"));
        Files.createDirectories(source.resolve("bin"));
        // Copied without its executable bit, as CodePipeline's source zip may hand it over.
        Files.writeString(source.resolve("bin/deploy-dashboard"), Files.readString(projectFile("bin/deploy-dashboard")));
        assertThat(Files.isExecutable(source.resolve("bin/deploy-dashboard"))).isFalse();
        Files.createDirectories(source.resolve("target"));
        Files.copy(projectFile("target/twitter-stats.jar"), source.resolve("target/twitter-stats.jar"));
        return source;
    }

    /** Buildspec 0.2 runs a build's commands in one shell, stopping at the first that fails. */
    private static Result runAsCodeBuild(Path source, List<String> commands, Map<String, String> extra) throws Exception {
        String script = "set -e\n" + String.join("\n", commands) + "\n";
        return run(source, List.of("/bin/sh", "-c", script), extra);
    }

    private static Result aws(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(arguments));
        return run(directory, command, Map.of());
    }

    private static Result run(Path directory, List<String> command, Map<String, String> extra) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // what a developer's shell might hold must not reach the build
        List.of("DD_API_KEY", "DD_APP_KEY", "DD_CREDENTIALS_SECRET", "DD_API_URL", "DD_SITE", "METRIC_PREFIX",
                "DASHBOARD_DD_CREDENTIALS_SECRET", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN", "AWS_PROFILE")
                .forEach(environment::remove);
        environment.putAll(codeBuildEnvironment(directory));
        environment.putAll(extra);
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
        environment.put("DASHBOARD_DD_SITE", "datadoghq.eu");
        environment.put("DASHBOARD_METRIC_PREFIX", "twitter");
        environment.put("TEMPLATE_CONFIGURATION", templateConfiguration());
        // dummy credentials S3Proxy accepts; no developer profile or real endpoint can be reached
        environment.put("AWS_ACCESS_KEY_ID", "test-access-key");
        environment.put("AWS_SECRET_ACCESS_KEY", "test-secret-key");
        environment.remove("AWS_SESSION_TOKEN");
        environment.remove("AWS_PROFILE");
        environment.put("AWS_CONFIG_FILE", scratch.resolve("no-aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-aws-credentials").toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_ENDPOINT_URL_S3", endpoint);
        environment.put("AWS_PAGER", "");
        return environment;
    }

    /** TEMPLATE_CONFIGURATION as the CodeBuild project of the pipeline template sets it. */
    private static String templateConfiguration() {
        StackModel pipeline = IamCoverageTest.pipelineStack(new IamCoverageTest.Scenario("true", "my-access-logs"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> variables = (List<Map<String, Object>>) ((Map<?, ?>) ((Map<?, ?>) pipeline
                .resolve(pipeline.properties("BuildProject"))).get("Environment")).get("EnvironmentVariables");
        return variables.stream().filter(variable -> "TEMPLATE_CONFIGURATION".equals(variable.get("Name")))
                .map(variable -> (String) variable.get("Value")).findFirst().orElseThrow();
    }

    private record Result(int exitCode, String output) {
    }

    private static Path projectFile(String relative) {
        return Template.projectDirectory().resolve(relative);
    }
}
