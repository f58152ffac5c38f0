package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Both templates pass AWS's CloudFormation linter with no error and no warning. An integration
 * test (run by `mvn verify`, i.e. bin/test), so that `mvn package` builds the jar on a machine
 * without Python. (The packaged template that buildspec.yml's `aws cloudformation package`
 * writes is linted in BuildspecIT, where it is made.)
 */
class CfnLintIT {

    static final List<String> TEMPLATES = Template.ALL;

    @TempDir
    Path scratch;

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void cfnLintFindsNoErrorAndNoWarning(String file) {
        CfnLint lint = CfnLint.check(Template.projectDirectory().resolve(file));

        assertThat(lint.clean()).as("%s: %s", file, lint).isTrue();
    }

    @Test
    void aNullValueAndAnUnusedParameterAreFindings() throws IOException {
        // the unquoted flow mapping with a comma makes a key with a null value (issue 9, finding 1)
        Path template = Files.writeString(scratch.resolve("t.yaml"), """
                AWSTemplateFormatVersion: '2010-09-09'
                Parameters:
                  Unused: {Type: String}
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                    Metadata: {Label: {default: a label, with a comma}}
                """);

        CfnLint lint = CfnLint.check(template);

        assertThat(lint.clean()).isFalse();
        assertThat(lint.exitCode() & 6).as("errors (2) and warnings (4)").isEqualTo(6);
        assertThat(lint.findings()).anySatisfy(finding -> assertThat(finding).contains(":W2001:"))
                .anySatisfy(finding -> assertThat(finding).containsPattern(":E\\d{4}:None is not of type"));
    }
}
