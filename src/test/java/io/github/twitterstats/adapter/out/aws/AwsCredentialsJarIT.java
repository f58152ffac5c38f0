package io.github.twitterstats.adapter.out.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.config.XCredentials;
import io.github.twitterstats.testing.FakeAwsServices;
import io.github.twitterstats.testing.FakeXApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the jar finds the AWS credentials and region that sign its SSM and Secrets Manager calls, as a user's
 * machine has them: the environment (a Lambda's), else the SDK's default chain (here, the profile files); run
 * with {@code java -jar target/twitter-stats.jar} in a fresh JVM whose environment holds only what each test gives.
 */
class AwsCredentialsJarIT {

    private static final String BEARER = "aws-jar-it-bearer";

    private final FakeXApi x = FakeXApi.start(new XCredentials.BearerToken(BEARER));
    private final FakeAwsServices aws = new FakeAwsServices();

    @TempDir
    Path home;

    @AfterEach
    void stop() {
        x.close();
        aws.close();
    }

    @Test
    void withoutCredentialsInTheEnvironmentTheProfileFilesSignTheCalls() throws Exception {
        x.addAccount("nasa");
        aws.secret("ts/x", "{\"bearer_token\":\"" + BEARER + "\"}").parameter("/ts/accounts", "StringList", "nasa");
        Files.writeString(home.resolve("credentials"), "[default]\naws_access_key_id = " + FakeAwsServices.ACCESS_KEY_ID
                + "\naws_secret_access_key = " + FakeAwsServices.SECRET_ACCESS_KEY + "\n");
        Files.writeString(home.resolve("config"), "[default]\nregion = " + FakeAwsServices.REGION + "\n");

        Result result = runJar(Map.of(), "--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(aws.calls()).containsExactly("GetParameter /ts/accounts", "GetSecretValue ts/x");
    }

    @Test
    void theEnvironmentsCredentialsWinOverTheProfiles() throws Exception {
        x.addAccount("nasa");
        aws.secret("ts/x", "{\"bearer_token\":\"" + BEARER + "\"}").parameter("/ts/accounts", "StringList", "nasa");
        Files.writeString(home.resolve("credentials"), "[default]\naws_access_key_id = someone-else\n"
                + "aws_secret_access_key = not-the-test-secret\n");

        Result result = runJar(Map.of("AWS_REGION", FakeAwsServices.REGION,
                "AWS_ACCESS_KEY_ID", FakeAwsServices.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", FakeAwsServices.SECRET_ACCESS_KEY), "--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(aws.calls()).containsExactly("GetParameter /ts/accounts", "GetSecretValue ts/x");
    }

    @Test
    void temporaryCredentialsAsLambdaGivesThemSignWithTheirSessionToken() throws Exception {
        x.addAccount("nasa");
        aws.secret("ts/x", "{\"bearer_token\":\"" + BEARER + "\"}").parameter("/ts/accounts", "StringList", "nasa");

        Result result = runJar(Map.of("AWS_REGION", FakeAwsServices.REGION,
                "AWS_ACCESS_KEY_ID", FakeAwsServices.SESSION_ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", FakeAwsServices.SESSION_SECRET_ACCESS_KEY,
                "AWS_SESSION_TOKEN", FakeAwsServices.SESSION_TOKEN), "--dry-run");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(aws.calls()).containsExactly("GetParameter /ts/accounts", "GetSecretValue ts/x");
    }

    @Test
    void noCredentialsAnywhereFailsTheRunWithoutAnAttempt() throws Exception {
        aws.parameter("/ts/accounts", "StringList", "nasa");

        Result result = runJar(Map.of("AWS_REGION", FakeAwsServices.REGION), "--dry-run");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("'/ts/accounts'").contains("no AWS credentials");
        assertThat(aws.attempts()).isZero();
    }

    @Test
    void noRegionAnywhereIsAConfigurationErrorNamingAwsRegion() throws Exception {
        aws.parameter("/ts/accounts", "StringList", "nasa");

        Result result = runJar(Map.of("AWS_ACCESS_KEY_ID", FakeAwsServices.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", FakeAwsServices.SECRET_ACCESS_KEY), "--dry-run");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("AWS_REGION");
        assertThat(aws.attempts()).isZero();
    }

    private record Result(int exitCode, String err) {
    }

    private Result runJar(Map<String, String> extra, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("project.jar", "target/twitter-stats.jar"));
        assertThat(jar).exists();
        Map<String, String> env = new HashMap<>(Map.of("ACCOUNTS_PARAMETER", "/ts/accounts",
                "X_CREDENTIALS_SECRET", "ts/x", "X_API_URL", x.baseUrl().toString(),
                "AWS_ENDPOINT_URL", aws.endpoint().toString(), "HOME", home.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString(),
                "AWS_CONFIG_FILE", home.resolve("config").toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "SPOOL_DIR", home.resolve("spool").toString()));
        env.putAll(extra);
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home,
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path err = home.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the jar finished").isTrue();
        return new Result(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
