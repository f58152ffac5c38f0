package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.deploy.WorstCaseRenderer.Deployment;
import io.github.twitterstats.deploy.WorstCaseRenderer.Region;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorstCaseRendererTest {

    private static final Region GOV = new Region("aws-us-gov", "us-gov-west-1", "amazonaws.com");

    private static final Template TEMPLATE = Template.parse("t.yaml", """
            AWSTemplateFormatVersion: '2010-09-09'
            Parameters:
              Name: {Type: String}
              Backup: {Type: String, AllowedValues: ['true', 'false']}
            Conditions:
              BackupOn: !Equals [!Ref Backup, 'true']
              BackupOff: !Not [!Condition BackupOn]
            Rules:
              NameIsGiven:
                Assertions:
                  - Assert: !Not [!Equals [!Ref Name, '']]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Named:
                Type: AWS::S3::Bucket
                Condition: BackupOn
                Properties:
                  BucketName: !Sub ${Name}-posts-${AWS::AccountId}-${AWS::Region}
              Secret:
                Type: AWS::SecretsManager::Secret
                Properties:
                  Name: !Sub ${AWS::StackName}/x
              Queue:
                Type: AWS::SQS::Queue
              Role:
                Type: AWS::IAM::Role
                Properties:
                  Path: !Sub /${Name}/
                  Policies:
                    - PolicyName: p
                      PolicyDocument:
                        Statement:
                          - Resource:
                              - !GetAtt Bucket.Arn
                              - !Sub ${Queue.Arn}
                              - !Ref Secret
                              - !If [BackupOn, !Sub '${Named.Arn}/*', !Ref AWS::NoValue]
                              - !Join [':', [!Ref AWS::Partition, !Select [1, !Split [',', 'a,b,c']]]]
                              - !Sub ['${Literal}-${!Kept}', {Literal: !Ref Name}]
            """);

    private static WorstCaseRenderer renderer(String name, String backup) {
        return new WorstCaseRenderer(TEMPLATE, new Deployment(GOV, "123456789012", "Stack-Name",
                Map.of("Name", name, "Backup", backup)));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> resourcesOfTheStatement(WorstCaseRenderer renderer) {
        Map<String, Object> policy = (Map<String, Object>) ((List<Object>) renderer.resources().get("Role").properties()
                .get("Policies")).get(0);
        Map<String, Object> statement = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) policy
                .get("PolicyDocument")).get("Statement")).get(0);
        return (List<Object>) statement.get("Resource");
    }

    @Test
    void resolvesRefGetAttSubJoinSelectSplitAndIfWithThePseudoParametersOfTheRegion() {
        assertThat(resourcesOfTheStatement(renderer("fn", "true"))).containsExactly(
                "arn:aws-us-gov:s3:::stack-name-bucket-abcdefghijklm",
                "arn:aws-us-gov:sqs:us-gov-west-1:123456789012:Stack-Name-Queue-ABCDEFGHIJKLM",
                "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:Stack-Name/x-AbCdEf",
                "arn:aws-us-gov:s3:::fn-posts-123456789012-us-gov-west-1/*",
                "aws-us-gov:b",
                "fn-${Kept}");
    }

    @Test
    void aFalseConditionLeavesItsResourceOutAndNoValueRemovesTheItem() {
        WorstCaseRenderer off = renderer("fn", "false");

        assertThat(off.resources()).doesNotContainKey("Named").containsKeys("Bucket", "Role");
        assertThat(resourcesOfTheStatement(off)).hasSize(5).noneMatch(resource -> String.valueOf(resource).contains("posts"));
        assertThat(off.condition("BackupOff")).isTrue();
    }

    @Test
    void aGeneratedNameIsTheLongestOfItsTypeAndABucketsIsLowerCase() {
        WorstCaseRenderer renderer = new WorstCaseRenderer(TEMPLATE, new Deployment(GOV, "123456789012",
                "S".repeat(128), Map.of("Name", "fn", "Backup", "true")));

        assertThat(String.valueOf(renderer.render(Map.of("Ref", "Bucket")))).hasSize(63).isLowerCase();
        assertThat(String.valueOf(renderer.render(Map.of("Ref", "Role")))).hasSize(64);
        assertThat(String.valueOf(renderer.render(Map.of("Fn::GetAtt", List.of("Role", "Arn")))))
                .startsWith("arn:aws-us-gov:iam::123456789012:role/fn/SSS");
    }

    @Test
    void theRulesAreChecked() {
        assertThat(renderer("fn", "true").rulesHold()).isTrue();
        assertThat(renderer("", "true").rulesHold()).isFalse();
    }

    @Test
    void aReferenceWithoutAKnownWorstCaseIsAnErrorNotAGuess() {
        Template unknown = Template.parse("u.yaml", """
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !GetAtt Topic.TopicName
                """);

        assertThatThrownBy(() -> new WorstCaseRenderer(unknown, new Deployment(GOV, "123456789012", "s", Map.of()))
                .resources()).hasMessageContaining("no worst case known for AWS::SNS::Topic");
    }

    @Test
    void everyParameterNeedsAValue() {
        assertThatThrownBy(() -> new WorstCaseRenderer(TEMPLATE, new Deployment(GOV, "123456789012", "s",
                Map.of("Name", "fn")))).hasMessageContaining("no value for parameter Backup");
    }
}
