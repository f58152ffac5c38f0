package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.twitterstats.deploy.AdmittedValues.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmittedValuesTest {

    @Test
    void aPatternedNameReachesItsLongestInEveryShapeThePatternAdmits() {
        Map<String, Object> functionName = Map.of("Type", "String", "AllowedPattern", "^[A-Za-z0-9_-]{1,28}$");

        List<String> values = AdmittedValues.of(functionName, List.of());

        assertThat(values).allMatch(value -> value.length() == 28)
                .contains("a".repeat(28), "A".repeat(28), "1" + "a".repeat(27), "_" + "a".repeat(27), "a_" + "a".repeat(26))
                .noneMatch(value -> value.contains("."));
    }

    @Test
    void anUnboundedStringReachesCloudFormationsParameterLimitAndEmptyWhenAdmitted() {
        List<String> values = AdmittedValues.of(Map.of("Type", "String", "Default", ""), List.of());

        assertThat(values.get(0)).hasSize(AdmittedValues.PARAMETER_VALUE_BYTES);
        assertThat(values).contains("");
    }

    @Test
    void maxLengthBoundsAndMinLengthExcludesTheEmptyString() {
        List<String> values = AdmittedValues.of(Map.of("Type", "String", "MinLength", 1, "MaxLength", 256), List.of());

        assertThat(values).allMatch(value -> value.length() == 256);
    }

    @Test
    void anExampleShapeFindsWhatTheGenericProbesCannot() {
        Map<String, Object> arn = Map.of("Type", "String",
                "AllowedPattern", "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.{1,500}$");

        List<String> values = AdmittedValues.of(arn, List.of(Shape.startingWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:")));

        assertThat(values.get(0)).startsWith("arn:aws:secretsmanager:").endsWith("secret:" + "a".repeat(500));
    }

    @Test
    void allowedValuesAreAllOfThemAndNumbersTheirBounds() {
        assertThat(AdmittedValues.of(Map.of("Type", "String", "AllowedValues", List.of("true", "false")), List.of()))
                .containsExactly("false", "true");
        assertThat(AdmittedValues.of(Map.of("Type", "Number", "MinValue", 0, "MaxValue", 23), List.of()))
                .containsExactly("23", "0");
        assertThat(AdmittedValues.of(Map.of("Type", "Number", "MinValue", 5), List.of()))
                .containsExactly(AdmittedValues.UNBOUNDED_NUMBER, "5");
    }

    @Test
    void admitsChecksEveryConstraintCloudFormationChecks() {
        Map<String, Object> bucket = Map.of("Type", "String", "AllowedPattern", "^$|^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");

        assertThat(AdmittedValues.admits(bucket, "")).isTrue();
        assertThat(AdmittedValues.admits(bucket, "my-logs")).isTrue();
        assertThat(AdmittedValues.admits(bucket, "My-logs")).isFalse();
        assertThat(AdmittedValues.admits(Map.of("Type", "Number", "MaxValue", 23), "24")).isFalse();
        assertThat(AdmittedValues.admits(Map.of("Type", "String", "MaxLength", 3), "abcd")).isFalse();
    }
}
