package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsLimitsTest {

    @Test
    void aBucketNameFollowsEveryS3NamingRule() {
        assertThat(AwsLimits.bucketName("b", "fn-posts-123456789012-ap-southeast-7")).isEmpty();
        assertThat(AwsLimits.bucketName("b", "Fn_posts")).hasSize(1);
        assertThat(AwsLimits.bucketName("b", "a".repeat(64))).hasSize(1);
        assertThat(AwsLimits.bucketName("b", "fn..posts")).hasSize(1);
        assertThat(AwsLimits.bucketName("b", "192.168.1.1")).hasSize(1);
        assertThat(AwsLimits.bucketName("b", "xn--posts")).hasSize(1);
        assertThat(AwsLimits.bucketName("b", "posts-s3alias")).hasSize(1);
    }

    @Test
    void aStackNameStartsWithALetterAndHoldsLettersDigitsAndHyphensOnly() {
        assertThat(AwsLimits.STACK_NAME.check("s", "twitter-stats-function")).isEmpty();
        assertThat(AwsLimits.STACK_NAME.check("s", "1witter-stats-function")).hasSize(1);
        assertThat(AwsLimits.STACK_NAME.check("s", "twitter_stats-function")).hasSize(1);
        assertThat(AwsLimits.STACK_NAME.check("s", "t".repeat(129))).hasSize(1);
    }

    @Test
    void aPolicysSizeIsItsJsonWithoutWhiteSpace() {
        Map<String, Object> document = Map.of("Version", "2012-10-17",
                "Statement", List.of(Map.of("Sid", "Two Words", "Effect", "Allow")));

        assertThat(AwsLimits.policySize(document))
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TwoWords\",\"Effect\":\"Allow\"}]}".length());
    }

    @Test
    void anEnvironmentsSizeIsItsKeysAndValuesInBytes() {
        assertThat(AwsLimits.environmentSize(Map.of("KEY", "värde"))).isEqualTo(3 + 6);
    }
}
