package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What a user of the console reads, which cfn-lint does not ask for: every template says what it
 * is, and every parameter of the pipeline template (the one the console shows) has a help text.
 * Whether CloudFormation accepts the templates at all (types, properties, names used) is
 * CfnLintIT's; what AWS refuses at deploy time is DeployLimitsTest's.
 */
class TemplateStructureTest {

    static final List<String> TEMPLATES = Template.ALL;

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyTemplateDescribesItself(String file) {
        Template template = Template.load(file);

        assertThat(template.root).containsKey("AWSTemplateFormatVersion").containsKey("Description");
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyConsoleParameterHasAHelpText(String file) {
        Template template = Template.load(file);

        if (file.equals(Template.PIPELINE)) {
            assertThat(template.parameters()).allSatisfy((name, parameter) ->
                    assertThat(parameter).as(name + " needs a Description: the console shows it as help")
                            .containsKey("Description"));
        }
    }
}
