package io.github.twitterstats.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * AWS's CloudFormation linter (cfn-lint, https://github.com/aws-cloudformation/cfn-lint), run as
 * the command-line tool bin/install-test-tools installs at a pinned version. It checks a template
 * against the CloudFormation resource schemas (types, properties, required properties, values,
 * Ref/GetAtt/Sub targets, conditions), expanding AWS::Serverless with aws-sam-translator first,
 * exactly as CloudFormation does. Every error (E) and warning (W) is a finding: the project takes
 * none. A check that must be switched off for a reason goes in the template's own Metadata
 * ({@code cfn-lint: {config: {ignore_checks: [...]}}}), with the reason in a comment beside it.
 *
 * @param exitCode cfn-lint's exit status: 0, or a bit set of 2 (errors), 4 (warnings), 8 (informational)
 * @param findings one line per finding, {@code file:line:column:endLine:endColumn:rule:message}
 */
record CfnLint(int exitCode, List<String> findings) {

    static final String COMMAND = "cfn-lint";

    /** Lints one template in the default Region (us-east-1), as CI does. */
    static CfnLint check(Path template) {
        List<String> command = List.of(COMMAND, "--format", "parseable", "--", template.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("cfn-lint took more than 120 s on " + template);
            }
            List<String> findings = output.lines().filter(line -> !line.isBlank()).toList();
            if (process.exitValue() != 0 && findings.isEmpty()) {
                throw new AssertionError("cfn-lint exited " + process.exitValue() + " without a finding on " + template);
            }
            return new CfnLint(process.exitValue(), findings);
        } catch (IOException e) {
            throw new AssertionError("cfn-lint is not installed: run bin/install-test-tools (bin/test does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while cfn-lint ran on " + template, e);
        }
    }

    boolean clean() {
        return exitCode == 0 && findings.isEmpty();
    }

    @Override
    public String toString() {
        return "cfn-lint exit " + exitCode + (findings.isEmpty() ? ", no finding" : ":\n" + String.join("\n", findings));
    }
}
