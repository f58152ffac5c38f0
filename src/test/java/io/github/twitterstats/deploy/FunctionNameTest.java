package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * FunctionName names more than the function: the stack {@code <name>-function}, the change set
 * {@code <name>-deploy}, the archive bucket {@code <name>-posts-<account>-<region>} and the spool
 * bucket CloudFormation generates from the stack name. Every name both templates admit must make
 * valid names of all of them, or the Deploy stage fails after a full build.
 */
class FunctionNameTest {

    /** CloudFormation stack and change-set names (CreateStack/CreateChangeSet API references). */
    private static final Pattern STACK_OR_CHANGE_SET = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    /** S3 general purpose bucket naming rules: 3-63, lower case, digits, . and -, no "xn--" prefix, no "-" at the ends. */
    private static final Pattern BUCKET = Pattern.compile("(?!xn--)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    static final List<String> TEMPLATES = Template.ALL;

    /** Names a user might type, with whether the templates must admit them. */
    static final Map<String, Boolean> CANDIDATES = Map.ofEntries(
            Map.entry("twitter-stats", true), Map.entry("a", true), Map.entry("x1", true),
            Map.entry("twitter-stats-0123456789abcd", true),
            Map.entry("Twitter-Stats", false), Map.entry("twitter_stats", false), Map.entry("1stats", false),
            Map.entry("stats-", false), Map.entry("xn--stats", false), Map.entry("a--b", false),
            Map.entry("twitter-stats-0123456789abcde", false), Map.entry("", false));

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyAdmittedNameMakesValidStackChangeSetAndBucketNames(String file) {
        Map<String, Object> parameter = Template.load(file).parameters().get("FunctionName");
        Pattern allowed = Pattern.compile((String) parameter.get("AllowedPattern"));
        int min = ((Number) parameter.getOrDefault("MinLength", 0)).intValue();
        int max = ((Number) parameter.getOrDefault("MaxLength", Integer.MAX_VALUE)).intValue();

        CANDIDATES.forEach((name, valid) -> {
            boolean admitted = allowed.matcher(name).find() && name.length() >= min && name.length() <= max;
            assertThat(admitted).as(file + " admits \"" + name + "\"").isEqualTo(valid);
            if (admitted) {
                String stack = name + "-function";
                assertThat(stack).matches(STACK_OR_CHANGE_SET);
                assertThat(name + "-deploy").matches(STACK_OR_CHANGE_SET);
                assertThat(name + "-posts-123456789012-ap-southeast-3").matches(BUCKET);
                assertThat(stack + "-spoolbucket-a1b2c3d4e5f6").matches(BUCKET);
            }
        });
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void itsConstraintIsExplainedInPlainWords(String file) {
        Map<String, Object> parameter = Template.load(file).parameters().get("FunctionName");

        assertThat((String) parameter.get("ConstraintDescription")).contains("lower-case").contains("28");
    }
}
