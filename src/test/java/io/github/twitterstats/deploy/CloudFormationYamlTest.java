package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudFormationYamlTest {

    @Test
    void shortFormRefAndGetAttBecomeTheirLongForms() {
        Map<String, Object> parsed = CloudFormationYaml.parse("""
                a: !Ref Bucket
                b: !GetAtt Bucket.Arn
                c: !GetAtt [Function, SnapStartResponse.ApplyOn]
                d: !GetAtt Function.SnapStartResponse.ApplyOn
                """);

        assertThat(parsed.get("a")).isEqualTo(Map.of("Ref", "Bucket"));
        assertThat(parsed.get("b")).isEqualTo(Map.of("Fn::GetAtt", List.of("Bucket", "Arn")));
        assertThat(parsed.get("c")).isEqualTo(Map.of("Fn::GetAtt", List.of("Function", "SnapStartResponse.ApplyOn")));
        assertThat(parsed.get("d")).isEqualTo(parsed.get("c"));
    }

    @Test
    void functionsNestInScalarSequenceAndMappingForms() {
        Map<String, Object> parsed = CloudFormationYaml.parse("""
                sub: !Sub '${AWS::StackName}-x'
                subList: !Sub ['${A}-${B}', {A: !Ref P, B: b}]
                if: !If [HasLog, {Name: !Ref Log}, !Ref AWS::NoValue]
                base64: !Base64 {Fn::Sub: x}
                condition: !And [!Condition One, !Not [!Equals [!Ref P, '']]]
                """);

        assertThat(parsed.get("sub")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-x"));
        assertThat(parsed.get("subList")).isEqualTo(Map.of("Fn::Sub",
                List.of("${A}-${B}", Map.of("A", Map.of("Ref", "P"), "B", "b"))));
        assertThat(parsed.get("if")).isEqualTo(Map.of("Fn::If",
                List.of("HasLog", Map.of("Name", Map.of("Ref", "Log")), Map.of("Ref", "AWS::NoValue"))));
        assertThat(parsed.get("base64")).isEqualTo(Map.of("Fn::Base64", Map.of("Fn::Sub", "x")));
        assertThat(parsed.get("condition")).isEqualTo(Map.of("Fn::And", List.of(
                Map.of("Condition", "One"),
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "P"), "")))))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!Ref", "!GetAtt", "!Sub", "!If", "!Equals", "!Not", "!And", "!Or", "!Join",
            "!Select", "!Split", "!FindInMap", "!Base64", "!Cidr", "!GetAZs", "!ImportValue", "!Condition"})
    void everyShortFormTagCloudFormationDocumentsIsUnderstood(String tag) {
        Map<String, Object> parsed = CloudFormationYaml.parse("value: " + tag + " [x, y]\n");

        @SuppressWarnings("unchecked")
        Map<String, Object> function = (Map<String, Object>) parsed.get("value");

        assertThat(function).containsOnlyKeys(CloudFormationYaml.SHORT_FORMS.get(tag));
    }

    @Test
    void anUnknownTagIsAnError() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("value: !Reference Bucket\n"))
                .hasMessageContaining("!Reference");
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("Resources:\n  A: 1\n  A: 2\n"))
                .hasMessageContaining("duplicate key");
    }
}
