package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every template of the project is one CloudFormation accepts: it parses (short-form tags
 * included), every resource matches the official resource specification, and every name it
 * uses is defined.
 */
class TemplateStructureTest {

    static final List<String> TEMPLATES = Template.ALL;

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void parsesAndDeclaresResources(String file) {
        Template template = Template.load(file);

        assertThat(template.root).containsKey("AWSTemplateFormatVersion").containsKey("Description");
        assertThat(template.resources()).isNotEmpty();
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyResourceMatchesTheResourceSpecification(String file) {
        Template template = Template.load(file);

        assertThat(ResourceSpecification.load().problems(template)).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyRefAndSubVariableNamesAParameterAResourceOrAPseudoParameter(String file) {
        Template template = Template.load(file);
        Set<String> parameters = template.parameters().keySet();
        Set<String> resources = template.resources().keySet();

        List<Template.Reference> unresolved = template.references().stream()
                .filter(reference -> reference.kind().equals("Ref"))
                .filter(reference -> !parameters.contains(reference.target()))
                .filter(reference -> !resources.contains(reference.target()))
                .filter(reference -> !Template.PSEUDO_PARAMETERS.contains(reference.target()))
                .filter(reference -> !template.samGeneratedReferences().contains(reference.target()))
                .toList();

        assertThat(unresolved).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyGetAttNamesAResourceAndAnAttributeItsTypeHas(String file) {
        Template template = Template.load(file);
        ResourceSpecification spec = ResourceSpecification.load();
        List<String> problems = new ArrayList<>();

        for (Template.Reference reference : template.references()) {
            if (!reference.kind().equals("GetAtt")) {
                continue;
            }
            if (!template.resources().containsKey(reference.target())) {
                problems.add(reference + ": no such resource");
                continue;
            }
            Set<String> attributes = spec.attributes(template.type(reference.target()));
            if (attributes != null && !attributes.contains(reference.attribute())) {
                problems.add(reference + ": " + template.type(reference.target()) + " has only " + attributes);
            }
        }

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyConditionUsedIsDefined(String file) {
        Template template = Template.load(file);

        List<Template.Reference> undefined = template.references().stream()
                .filter(reference -> reference.kind().equals("Condition"))
                .filter(reference -> !template.conditions().containsKey(reference.target()))
                .toList();

        assertThat(undefined).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyParameterIsUsed(String file) {
        Template template = Template.load(file);
        Set<String> used = new java.util.HashSet<>();
        template.references().forEach(reference -> used.add(reference.target()));

        assertThat(template.parameters().keySet()).allSatisfy(parameter -> assertThat(used).contains(parameter));
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyConsoleParameterHasAHelpText(String file) {
        Template template = Template.load(file);

        assertThat(template.parameters()).allSatisfy((name, parameter) ->
                assertThat(parameter).as(name).containsKey("Type"));
        if (file.equals(Template.PIPELINE)) {
            assertThat(template.parameters()).allSatisfy((name, parameter) ->
                    assertThat(parameter).as(name + " needs a Description: the console shows it as help")
                            .containsKey("Description"));
        }
    }
}
