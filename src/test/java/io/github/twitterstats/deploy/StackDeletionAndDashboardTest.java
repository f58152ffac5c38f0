package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two promises of the pipeline stack that span both templates. Deleting it must not fail on a
 * bucket that still holds objects: every bucket of either template is emptied by StackCleanup or
 * kept on purpose (DeletionPolicy Retain). And the dashboard step of the build gets the DataDog
 * secret (its ARN, and the right to read it) only when an application key was given.
 */
class StackDeletionAndDashboardTest {

    private final Template pipeline = Template.load(Template.PIPELINE);
    private final Template function = Template.load(Template.FUNCTION);

    // ------------------------------------------------------------------ deletion

    @Test
    void everyBucketOfThePipelineStackIsEmptiedByTheCleanupOrRetained() {
        List<?> emptied = (List<?>) pipeline.properties("StackCleanup").get("Buckets");

        for (String bucket : pipeline.resourcesOfType("AWS::S3::Bucket")) {
            assertThat(retained(pipeline, bucket) || emptied.contains(Map.of("Ref", bucket)))
                    .as(bucket + ": in StackCleanup's Buckets, or DeletionPolicy Retain").isTrue();
        }
    }

    @Test
    void everyBucketOfTheFunctionStackIsEmptiedByTheCleanupOrRetained() {
        List<?> bucketOutputs = (List<?>) pipeline.properties("StackCleanup").get("FunctionStackBucketOutputs");
        List<String> checked = new ArrayList<>();

        for (String bucket : function.resourcesOfType("AWS::S3::Bucket")) {
            if (retained(function, bucket)) {
                assertThat(bucketOutputs).as(bucket + " is kept: the cleanup must not empty it")
                        .noneMatch(output -> Map.of("Ref", bucket).equals(function.outputs().get(output).get("Value")));
                continue;
            }
            // the cleanup finds the bucket by a function-stack output that names it...
            assertThat(bucketOutputs).as(bucket + ": an output of samTemplate.yaml naming it is in StackCleanup's "
                    + "FunctionStackBucketOutputs").anyMatch(output -> function.outputs().containsKey(output)
                    && Map.of("Ref", bucket).equals(function.outputs().get(output).get("Value")));
            // ...and may list and delete its objects: CloudFormation names it <stack>-<logical id>-<random>, lower case
            String namePattern = "-function-" + bucket.toLowerCase(Locale.ROOT) + "-*";
            assertThat(cleanupGrant("s3:ListBucket")).as(bucket + " listable by the cleanup")
                    .anyMatch(resource -> resource.endsWith(namePattern));
            assertThat(cleanupGrant("s3:DeleteObject")).as(bucket + " objects deletable by the cleanup")
                    .anyMatch(resource -> resource.endsWith(namePattern + "/*"));
            checked.add(bucket);
        }
        assertThat(checked).as("the spool bucket is one of them").contains("SpoolBucket");
    }

    @Test
    void theCleanupEmptiesTheFunctionStacksBucketsBeforeDeletingItAndNothingElse() {
        String code = ((Map<?, ?>) pipeline.properties("StackCleanupFunction").get("Code")).get("ZipFile").toString();
        String deleteFunctionStack = code.substring(code.indexOf("def delete_stack"), code.indexOf("def wait"));

        assertThat(code).contains("p.get(\"FunctionStackBucketOutputs\", [])");
        assertThat(deleteFunctionStack.indexOf("empty(outputs[key])")).as("emptied before delete_stack")
                .isPositive().isLessThan(deleteFunctionStack.indexOf("cfn.delete_stack("));
        // the cleanup's S3 rights: the two buckets of this stack, and buckets named like the spool only
        for (String action : List.of("s3:ListBucket", "s3:DeleteObject")) {
            assertThat(cleanupGrant(action)).allMatch(resource -> resource.contains("ArtifactBucket")
                    || resource.contains("PackageBucket") || resource.contains(":s3:::*-function-spoolbucket-*"));
        }
        assertThat(cleanupStatements()).filteredOn(statement -> statement.toString().contains("spoolbucket"))
                .allSatisfy(statement -> assertThat(statement.get("Condition").toString())
                        .contains("aws:ResourceAccount={Ref=AWS::AccountId}"));
    }

    // ------------------------------------------------------------------ dashboard

    @Test
    void theBuildGetsTheDataDogSecretOnlyWithAnAppKeyAndOnlyItsArn() {
        @SuppressWarnings("unchecked")
        List<Object> variables = (List<Object>) ((Map<?, ?>) pipeline.properties("BuildProject").get("Environment"))
                .get("EnvironmentVariables");

        assertThat(variables).contains(
                Map.of("Name", "DASHBOARD_DD_SITE", "Type", "PLAINTEXT", "Value", Map.of("Ref", "DataDogSite")),
                Map.of("Name", "DASHBOARD_METRIC_PREFIX", "Type", "PLAINTEXT", "Value", Map.of("Ref", "MetricPrefix")),
                Map.of("Fn::If", List.of("HasDataDogAppKey",
                        Map.of("Name", "DASHBOARD_DD_CREDENTIALS_SECRET", "Type", "PLAINTEXT",
                                "Value", Map.of("Ref", "DataDogCredentialsSecret")),
                        Map.of("Ref", "AWS::NoValue"))));
        assertThat(variables.toString()).as("the tests bin/test runs must not see DataDog settings")
                .doesNotContain("Name=DD_");

        assertThat(buildStatements()).filteredOn(s -> s.toString().contains("secretsmanager")).singleElement()
                .isEqualTo(Map.of("Fn::If", List.of("HasDataDogAppKey",
                        Map.of("Sid", "ReadTheDataDogKeysForTheDashboard", "Effect", "Allow",
                                "Action", "secretsmanager:GetSecretValue",
                                "Resource", Map.of("Ref", "DataDogCredentialsSecret")),
                        Map.of("Ref", "AWS::NoValue"))));
    }

    @Test
    void theStackOutputsTheDashboardOnlyWithAnAppKey() {
        Map<String, Object> output = pipeline.outputs().get("DashboardUrl");

        assertThat(output.get("Condition")).isEqualTo("HasDataDogAppKey");
        assertThat(output.get("Value").toString()).contains("https://${Host}/dashboard/lists?q=X%20accounts")
                .contains("DataDogAppIsAppDotSite");
    }

    // ------------------------------------------------------------------ helpers

    private static boolean retained(Template template, String resource) {
        return "Retain".equals(template.resources().get(resource).get("DeletionPolicy"));
    }

    private List<Map<String, Object>> policyStatements(String role) {
        return pipeline.policyStatementsOf(role);
    }

    private List<Map<String, Object>> cleanupStatements() {
        return policyStatements("StackCleanupRole");
    }

    private List<Map<String, Object>> buildStatements() {
        return policyStatements("BuildRole");
    }

    /** The resources (as text) the cleanup's role is allowed {@code action} on. */
    private List<String> cleanupGrant(String action) {
        List<String> resources = new ArrayList<>();
        for (Map<String, Object> statement : cleanupStatements()) {
            Object actions = statement.get("Action");
            boolean grants = actions instanceof List<?> list ? list.contains(action) : action.equals(actions);
            if ("Allow".equals(statement.get("Effect")) && grants) {
                Object resource = statement.get("Resource");
                for (Object one : resource instanceof List<?> list ? list : List.of(resource)) {
                    resources.add(String.valueOf(one instanceof Map<?, ?> map && map.containsKey("Fn::Sub")
                            ? map.get("Fn::Sub") : one));
                }
            }
        }
        return resources;
    }
}
