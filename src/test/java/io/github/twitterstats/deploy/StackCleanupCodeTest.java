package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * StackCleanupFunction's inline Python, run as Lambda runs it, against moto_server and a scripted
 * loopback CloudFormation/CodePipeline peer (src/test/python/test_stack_cleanup.py): only "does
 * not exist" means a stack is absent (AccessDenied and throttling fail the custom resource), a
 * stale status right after DeleteStack does not end the wait, the answer goes out before the
 * function's timeout, the Heal step deletes only a ROLLBACK_COMPLETE stack, and PruneVersions
 * keeps the newest three versions and every aliased one.
 */
class StackCleanupCodeTest {

    @Test
    void theCleanupCodePassesItsScenariosAgainstRealHttpPeers() throws Exception {
        Path directory = Template.projectDirectory().resolve("src/test/python");
        ProcessBuilder builder = new ProcessBuilder("python3", "-m", "unittest", "-v", "test_stack_cleanup")
                .directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("PROJECT_DIR", Template.projectDirectory().toString());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("finished in time").isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Ran 10 tests").contains("\nOK");
    }
}
