package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validator itself: it must catch what CloudFormation would reject, and only that. */
class ResourceSpecificationTest {

    private static ResourceSpecification spec;

    @BeforeAll
    static void loadSpecification() {
        spec = ResourceSpecification.load();
    }

    private static List<String> problemsOf(String resources) {
        return spec.problems(Template.parse("test", "Resources:\n" + resources.indent(2)));
    }

    @Test
    void theDatabaseHoldsTheWholeRegistryIncludingSam() {
        assertThat(spec.resourceTypeCount()).isGreaterThan(1000);
        assertThat(spec.knows("AWS::S3::Bucket")).isTrue();
        assertThat(spec.knows("AWS::Serverless::Function")).isTrue();
    }

    @Test
    void aValidBucketHasNoProblems() {
        assertThat(problemsOf("""
                Bucket:
                  Type: AWS::S3::Bucket
                  Properties:
                    BucketEncryption:
                      ServerSideEncryptionConfiguration:
                        - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
                """)).isEmpty();
    }

    @Test
    void anUnknownResourceTypeIsReported() {
        assertThat(problemsOf("Thing: {Type: 'AWS::S3::Buckett'}"))
                .containsExactly("Thing: unknown resource type AWS::S3::Buckett");
    }

    @Test
    void anUnknownPropertyIsReportedAtEveryDepth() {
        assertThat(problemsOf("""
                Bucket:
                  Type: AWS::S3::Bucket
                  Properties:
                    Encryption: x
                    BucketEncryption:
                      ServerSideEncryptionConfiguration:
                        - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256, KeyId: k}
                """)).containsExactlyInAnyOrder(
                "Bucket.Properties: AWS::S3::Bucket has no property Encryption",
                "Bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault:"
                        + " ServerSideEncryptionByDefault has no property KeyId");
    }

    @Test
    void aMissingRequiredPropertyIsReported() {
        assertThat(problemsOf("""
                Parameter:
                  Type: AWS::SSM::Parameter
                  Properties: {Type: String}
                """)).containsExactly("Parameter.Properties: required property Value of AWS::SSM::Parameter is missing");
    }

    @Test
    void aValueOfTheWrongShapeOrOutsideItsAllowedValuesIsReported() {
        assertThat(problemsOf("""
                Bucket:
                  Type: AWS::S3::Bucket
                  Properties:
                    BucketEncryption: AES256
                    AccessControl: Open
                """)).containsExactlyInAnyOrder(
                "Bucket.Properties.BucketEncryption: expected a BucketEncryption object, got the scalar AES256",
                "Bucket.Properties.AccessControl: Open is not one of " + "[\"AuthenticatedRead\",\"AwsExecRead\","
                        + "\"BucketOwnerFullControl\",\"BucketOwnerRead\",\"LogDeliveryWrite\",\"Private\","
                        + "\"PublicRead\",\"PublicReadWrite\"]");
    }

    @Test
    void bothBranchesOfAnIfAreChecked() {
        assertThat(problemsOf("""
                Bucket:
                  Type: AWS::S3::Bucket
                  Properties:
                    LoggingConfiguration: !If [HasLog, {DestinationBucket: x}, !Ref AWS::NoValue]
                """)).containsExactly("Bucket.Properties.LoggingConfiguration(Fn::If branch 1): "
                + "LoggingConfiguration has no property DestinationBucket");
    }

    @Test
    void samPassThroughPropertiesAreCheckedAsTheLambdaPropertyTheyBecome() {
        assertThat(problemsOf("""
                Function:
                  Type: AWS::Serverless::Function
                  Properties:
                    SnapStart: {ApplyOn: PublishedVersions}
                    LoggingConfig: {LogGroupName: x}
                """)).containsExactly("Function.Properties.LoggingConfig: LoggingConfig has no property LogGroupName");
    }

    @Test
    void samRolePathIsCheckedAsThePathOfTheGeneratedRole() {
        assertThat(problemsOf("""
                Function:
                  Type: AWS::Serverless::Function
                  Properties:
                    RolePath: [/a/]
                """)).containsExactly("Function.Properties.RolePath: expected a string, got a list");
        assertThat(problemsOf("""
                Function:
                  Type: AWS::Serverless::Function
                  Properties:
                    RolePath: !Sub /${AWS::StackName}/
                """)).isEmpty();
    }

    @Test
    void aCustomResourceNeedsOnlyAServiceToken() {
        assertThat(problemsOf("Cleanup: {Type: 'Custom::Cleanup', Properties: {Anything: 1}}"))
                .containsExactly("Cleanup: a custom resource needs a ServiceToken");
    }
}
