package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every role of the pipeline stack may make the calls it will have to make, so that a deploy,
 * an update or a deletion never stops half-way on AccessDenied.
 *
 * <p><b>DeployRole.</b> samTemplate.yaml is expanded with aws-sam-translator
 * (src/test/python/expand_sam.py), as CloudFormation's AWS::Serverless transform expands the
 * packaged template, for every combination of BackupEnabled and AccessLogBucket, with the
 * longest FunctionName and Region name admitted. For every resource the expanded stack has, the
 * permissions its CloudFormation resource type schema lists for the create, read, update and
 * delete handlers (src/test/resources/cfn-schemas, see the README there) must be allowed by the
 * role's policies: its inline policies and the customer managed policies attached to it. The
 * delete handler is skipped for a resource with DeletionPolicy Retain (CloudFormation never calls
 * it). A permission the schema lists only for a feature the resource does not use (a VPC, a KMS
 * key, provisioned concurrency...) is exempt, but only while the expanded resource really lacks
 * that property: {@link #EXEMPTIONS} names the property, and the test checks it is absent. The
 * transform itself needs cloudformation:CreateChangeSet on AWS's transform resource.
 *
 * <p><b>How resources are matched.</b> Each permission is checked against the ARN the call acts
 * on, computed from the resource's physical name as CloudFormation will give it ({@link
 * StackModel}: its name property, or a generated {@code <stack>-<LogicalId>-<suffix>} name, S3's in
 * lower case). A statement allows the call when its Effect is Allow, one of its Action patterns
 * matches the action (IAM wildcards, case-insensitive) and one of its Resource patterns matches
 * that ARN (IAM wildcards). Condition blocks are NOT evaluated: a statement with a condition counts
 * as allowing; the conditions this project writes (iam:PassedToService, iam:PolicyARN,
 * lambda:FunctionArn, aws:ResourceAccount) are satisfied by the calls CloudFormation makes, which
 * this test cannot show. Deny statements and permission boundaries are not modelled either. Log
 * group calls are required on both forms of the group's ARN (with and without {@code :*}), since
 * the Service Authorization Reference documents both for different APIs.
 *
 * <p><b>The other roles</b> (StackCleanupRole, BuildRole, PipelineRole) are checked the same way
 * against the calls listed in {@link #CALLS}, each with the code or the AWS document it comes from.
 */
class IamCoverageTest {

    /** The longest FunctionName the pipeline template admits, and the longest Region names. */
    static final String FUNCTION_NAME = "twitter-stats-0123456789abcd";
    static final String REGION = "ap-southeast-3";
    static final String PIPELINE_STACK = "twitter-stats";

    /** BackupEnabled x AccessLogBucket: the function stack's resources differ between them. */
    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("false", ""), new Scenario("false", "my-access-logs"),
            new Scenario("true", ""), new Scenario("true", "my-access-logs"));

    record Scenario(String backupEnabled, String accessLogBucket) {
        @Override
        public String toString() {
            return "BackupEnabled=" + backupEnabled + ", AccessLogBucket=" + (accessLogBucket.isEmpty() ? "(none)" : accessLogBucket);
        }
    }

    /**
     * A schema permission that only a feature needs: exempt while the resource of that type does
     * not use the feature (the predicate says whether it does).
     */
    record Exemption(String type, Set<String> actions, String feature, Predicate<Map<String, Object>> used) {
        static Exemption whenSet(String type, String property, String... actions) {
            return new Exemption(type, Set.of(actions), "property " + property,
                    resource -> properties(resource).containsKey(property));
        }
    }

    /**
     * Permissions the schemas list that no resource of the function stack needs, with the feature
     * that would need them. An update's Delete* call for a property only runs when the property is
     * removed: exempt while the property is set unconditionally (not under Fn::If).
     */
    static final List<Exemption> EXEMPTIONS = List.of(
            Exemption.whenSet("AWS::S3::Bucket", "AnalyticsConfigurations", "s3:PutAnalyticsConfiguration",
                    "s3:DeleteBucketAnalyticsConfiguration"),
            Exemption.whenSet("AWS::S3::Bucket", "CorsConfiguration", "s3:PutBucketCORS", "s3:DeleteBucketCors"),
            Exemption.whenSet("AWS::S3::Bucket", "InventoryConfigurations", "s3:PutInventoryConfiguration"),
            Exemption.whenSet("AWS::S3::Bucket", "MetricsConfigurations", "s3:PutMetricsConfiguration",
                    "s3:DeleteBucketMetricsConfiguration"),
            Exemption.whenSet("AWS::S3::Bucket", "NotificationConfiguration", "s3:PutBucketNotification"),
            Exemption.whenSet("AWS::S3::Bucket", "ReplicationConfiguration", "s3:PutBucketReplication",
                    "s3:PutReplicationConfiguration", "s3:DeleteBucketReplication", "iam:PassRole"),
            Exemption.whenSet("AWS::S3::Bucket", "WebsiteConfiguration", "s3:PutBucketWebsite",
                    "s3:DeleteBucketWebsite"),
            Exemption.whenSet("AWS::S3::Bucket", "AccelerateConfiguration", "s3:PutAccelerateConfiguration"),
            Exemption.whenSet("AWS::S3::Bucket", "AccessControl", "s3:PutBucketAcl", "s3:PutObjectAcl"),
            Exemption.whenSet("AWS::S3::Bucket", "ObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration",
                    "s3:PutObjectLockConfiguration"),
            Exemption.whenSet("AWS::S3::Bucket", "ObjectLockEnabled", "s3:DeleteObject"),
            Exemption.whenSet("AWS::S3::Bucket", "IntelligentTieringConfigurations",
                    "s3:PutIntelligentTieringConfiguration"),
            new Exemption("AWS::S3::Bucket", Set.of("s3:DeleteBucketEncryption"),
                    "BucketEncryption removed (it is set unconditionally)", resource -> removable(resource, "BucketEncryption")),
            new Exemption("AWS::S3::Bucket", Set.of("s3:DeleteBucketLifecycle"),
                    "LifecycleConfiguration removed (it is set unconditionally)",
                    resource -> removable(resource, "LifecycleConfiguration")),
            Exemption.whenSet("AWS::Lambda::Function", "ReservedConcurrentExecutions", "lambda:PutFunctionConcurrency",
                    "lambda:DeleteFunctionConcurrency"),
            Exemption.whenSet("AWS::Lambda::Function", "VpcConfig", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets",
                    "ec2:DescribeVpcs", "ec2:DescribeNetworkInterfaces"),
            Exemption.whenSet("AWS::Lambda::Function", "FileSystemConfigs", "elasticfilesystem:DescribeMountTargets"),
            Exemption.whenSet("AWS::Lambda::Function", "KmsKeyArn", "kms:CreateGrant", "kms:Decrypt", "kms:Encrypt",
                    "kms:GenerateDataKey"),
            Exemption.whenSet("AWS::Lambda::Function", "CodeSigningConfigArn", "lambda:GetCodeSigningConfig",
                    "lambda:PutFunctionCodeSigningConfig", "lambda:DeleteFunctionCodeSigningConfig"),
            Exemption.whenSet("AWS::Lambda::Function", "Layers", "lambda:GetLayerVersion"),
            Exemption.whenSet("AWS::Lambda::Function", "RuntimeManagementConfig", "lambda:PutRuntimeManagementConfig"),
            Exemption.whenSet("AWS::Lambda::Function", "RecursiveLoop", "lambda:PutFunctionRecursionConfig"),
            Exemption.whenSet("AWS::Lambda::Alias", "ProvisionedConcurrencyConfig",
                    "lambda:PutProvisionedConcurrencyConfig", "lambda:DeleteProvisionedConcurrencyConfig"),
            new Exemption("AWS::Lambda::Alias", Set.of("codedeploy:CreateDeployment", "codedeploy:GetDeployment",
                    "codedeploy:GetDeploymentGroup", "codedeploy:GetDeploymentConfig", "codedeploy:StopDeployment"),
                    "UpdatePolicy CodeDeployLambdaAliasUpdate", resource -> resource.containsKey("UpdatePolicy")),
            Exemption.whenSet("AWS::Lambda::Version", "ProvisionedConcurrencyConfig",
                    "lambda:PutProvisionedConcurrencyConfig"),
            Exemption.whenSet("AWS::Lambda::Version", "RuntimePolicy", "lambda:PutRuntimeManagementConfig"),
            Exemption.whenSet("AWS::Lambda::EventSourceMapping", "KmsKeyArn", "kms:DescribeKey", "kms:GenerateDataKey",
                    "kms:Decrypt"),
            new Exemption("AWS::Events::Rule", Set.of("iam:PassRole"), "a target with RoleArn",
                    resource -> String.valueOf(properties(resource).get("Targets")).contains("RoleArn")),
            Exemption.whenSet("AWS::Logs::LogGroup", "KmsKeyId", "logs:AssociateKmsKey", "logs:DisassociateKmsKey"),
            Exemption.whenSet("AWS::Logs::LogGroup", "DataProtectionPolicy", "logs:PutDataProtectionPolicy",
                    "logs:CreateLogDelivery", "s3:REST.PUT.OBJECT", "firehose:TagDeliveryStream",
                    "logs:PutResourcePolicy", "logs:DescribeResourcePolicies"),
            Exemption.whenSet("AWS::IAM::Role", "PermissionsBoundary", "iam:PutRolePermissionsBoundary",
                    "iam:DeleteRolePermissionsBoundary"));

    /** One call a role's holder makes, on a resource written as in the pipeline template's Fn::Sub. */
    record Call(String role, String action, String resource, String source) {
    }

    private static final String CODEBUILD_ROLE_DOC = "CodeBuild User Guide, 'Allow CodeBuild to interact with other AWS services' (service role policy)";
    private static final String CONNECTION_DOC = "CodePipeline User Guide, CodeStarSourceConnection action reference, 'Service role permissions'";
    private static final String CFN_ACTION_DOC = "CodePipeline User Guide, AWS CloudFormation deploy action reference, 'Service role permissions'";
    private static final String CODEBUILD_ACTION_DOC = "CodePipeline User Guide, AWS CodeBuild build and test action reference, 'Service role permissions'";
    private static final String INVOKE_ACTION_DOC = "CodePipeline User Guide, AWS Lambda invoke action reference, 'Service role permissions'";
    private static final String CLEANUP_CODE = "StackCleanupFunction's inline code";
    private static final String FUNCTION_STACK = "arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${FunctionName}-function/" + StackModel.SAMPLE_UUID;

    /** The calls of the three roles that the pipeline stack's own services and code make. */
    static final List<Call> CALLS = List.of(
            // StackCleanupFunction: on deletion, and as the pipeline's heal step.
            new Call("StackCleanupRole", "logs:CreateLogStream", "${StackCleanupLogGroup.Arn}", "Lambda writing the function's log"),
            new Call("StackCleanupRole", "logs:PutLogEvents", "${StackCleanupLogGroup.Arn}", "Lambda writing the function's log"),
            new Call("StackCleanupRole", "cloudformation:DescribeStacks", FUNCTION_STACK, CLEANUP_CODE + ": describe_stacks and the delete waiter"),
            new Call("StackCleanupRole", "cloudformation:DeleteStack", FUNCTION_STACK, CLEANUP_CODE + ": delete_stack"),
            new Call("StackCleanupRole", "iam:PassRole", "${DeployRole.Arn}", CLEANUP_CODE + ": delete_stack(RoleARN=the deploy role)"),
            new Call("StackCleanupRole", "s3:ListBucket", "${ArtifactBucket.Arn}", CLEANUP_CODE + ": list_objects_v2"),
            new Call("StackCleanupRole", "s3:ListBucket", "${PackageBucket.Arn}", CLEANUP_CODE + ": list_objects_v2"),
            new Call("StackCleanupRole", "s3:ListBucket", "arn:aws:s3:::${SpoolBucket}", CLEANUP_CODE + ": list_objects_v2"),
            new Call("StackCleanupRole", "s3:DeleteObject", "${ArtifactBucket.Arn}/build-cache/x", CLEANUP_CODE + ": delete_objects"),
            new Call("StackCleanupRole", "s3:DeleteObject", "${PackageBucket.Arn}/0123abcd", CLEANUP_CODE + ": delete_objects"),
            new Call("StackCleanupRole", "s3:DeleteObject", "arn:aws:s3:::${SpoolBucket}/spool/x", CLEANUP_CODE + ": delete_objects"),
            new Call("StackCleanupRole", "codepipeline:PutJobSuccessResult", "*", CLEANUP_CODE + " as the pipeline's heal step (" + INVOKE_ACTION_DOC + ")"),
            new Call("StackCleanupRole", "codepipeline:PutJobFailureResult", "*", CLEANUP_CODE + " as the pipeline's heal step (" + INVOKE_ACTION_DOC + ")"),
            // CodeBuild
            new Call("BuildRole", "logs:CreateLogGroup", "${BuildLogGroup.Arn}", CODEBUILD_ROLE_DOC),
            new Call("BuildRole", "logs:CreateLogStream", "${BuildLogGroup.Arn}", CODEBUILD_ROLE_DOC),
            new Call("BuildRole", "logs:PutLogEvents", "${BuildLogGroup.Arn}", CODEBUILD_ROLE_DOC),
            new Call("BuildRole", "s3:GetObject", "${ArtifactBucket.Arn}/" + PIPELINE_STACK + "-pipeline/Source/x.zip", CODEBUILD_ROLE_DOC),
            new Call("BuildRole", "s3:GetObjectVersion", "${ArtifactBucket.Arn}/" + PIPELINE_STACK + "-pipeline/Source/x.zip", CODEBUILD_ROLE_DOC),
            new Call("BuildRole", "s3:PutObject", "${ArtifactBucket.Arn}/" + PIPELINE_STACK + "-pipeline/Packaged/x.zip", CODEBUILD_ROLE_DOC),
            new Call("BuildRole", "s3:GetBucketAcl", "${ArtifactBucket.Arn}", CODEBUILD_ROLE_DOC),
            new Call("BuildRole", "s3:GetBucketLocation", "${ArtifactBucket.Arn}", CODEBUILD_ROLE_DOC),
            new Call("BuildRole", "s3:GetObject", "${ArtifactBucket.Arn}/build-cache/x", "CodeBuild's S3 cache (Cache.Location)"),
            new Call("BuildRole", "s3:PutObject", "${ArtifactBucket.Arn}/build-cache/x", "CodeBuild's S3 cache (Cache.Location)"),
            new Call("BuildRole", "s3:GetObject", "${PackageBucket.Arn}/0123abcd", "buildspec.yml: aws cloudformation package (HeadObject)"),
            new Call("BuildRole", "s3:PutObject", "${PackageBucket.Arn}/0123abcd", "buildspec.yml: aws cloudformation package"),
            new Call("BuildRole", "secretsmanager:GetSecretValue", "${DataDogCredentialsSecret}", "bin/deploy-dashboard (DataDogAppKey given)"),
            // CodePipeline
            new Call("PipelineRole", "codestar-connections:UseConnection", "${GitHubConnectionArn}", CONNECTION_DOC),
            new Call("PipelineRole", "s3:PutObject", "${ArtifactBucket.Arn}/" + PIPELINE_STACK + "-pipeline/Source/x.zip", CONNECTION_DOC),
            new Call("PipelineRole", "s3:PutObjectAcl", "${ArtifactBucket.Arn}/" + PIPELINE_STACK + "-pipeline/Source/x.zip", CONNECTION_DOC),
            new Call("PipelineRole", "s3:GetObject", "${ArtifactBucket.Arn}/" + PIPELINE_STACK + "-pipeline/Packaged/x.zip", CONNECTION_DOC),
            new Call("PipelineRole", "s3:GetObjectVersion", "${ArtifactBucket.Arn}/" + PIPELINE_STACK + "-pipeline/Packaged/x.zip", CONNECTION_DOC),
            new Call("PipelineRole", "s3:GetBucketAcl", "${ArtifactBucket.Arn}", CONNECTION_DOC),
            new Call("PipelineRole", "s3:GetBucketLocation", "${ArtifactBucket.Arn}", CONNECTION_DOC),
            new Call("PipelineRole", "s3:GetBucketVersioning", "${ArtifactBucket.Arn}", CONNECTION_DOC),
            new Call("PipelineRole", "codebuild:StartBuild", "${BuildProject.Arn}", CODEBUILD_ACTION_DOC),
            new Call("PipelineRole", "codebuild:BatchGetBuilds", "${BuildProject.Arn}", CODEBUILD_ACTION_DOC),
            new Call("PipelineRole", "lambda:InvokeFunction", "${StackCleanupFunction.Arn}", INVOKE_ACTION_DOC + " (the heal step)"),
            new Call("PipelineRole", "cloudformation:CreateChangeSet", FUNCTION_STACK, CFN_ACTION_DOC),
            new Call("PipelineRole", "cloudformation:DescribeChangeSet", FUNCTION_STACK, CFN_ACTION_DOC),
            new Call("PipelineRole", "cloudformation:DeleteChangeSet", FUNCTION_STACK, CFN_ACTION_DOC),
            new Call("PipelineRole", "cloudformation:ExecuteChangeSet", FUNCTION_STACK, CFN_ACTION_DOC),
            new Call("PipelineRole", "cloudformation:DescribeStacks", FUNCTION_STACK, CFN_ACTION_DOC),
            new Call("PipelineRole", "iam:PassRole", "${DeployRole.Arn}", CFN_ACTION_DOC));

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void theDeployRoleAllowsEveryHandlerCallOfEveryResourceTheFunctionStackHas(Scenario scenario) {
        StackModel pipeline = pipelineStack(scenario);
        StackModel function = functionStack(pipeline, scenario);
        List<Map<String, Object>> statements = statementsOf(pipeline, "DeployRole");

        Set<String> missing = new TreeSet<>();
        String transform = "arn:aws:cloudformation:" + REGION + ":aws:transform/Serverless-2016-10-31";
        if (!allows(statements, "cloudformation:CreateChangeSet", transform)) {
            missing.add("the SAM transform: cloudformation:CreateChangeSet on " + transform);
        }
        function.resources().forEach((id, resource) -> {
            String type = (String) resource.get("Type");
            Map<String, List<String>> handlers = handlerPermissions(type);
            for (String handler : List.of("create", "read", "update", "delete")) {
                if (handler.equals("delete") && "Retain".equals(resource.get("DeletionPolicy"))) {
                    continue;
                }
                for (String action : handlers.getOrDefault(handler, List.of())) {
                    if (exempt(type, action, resource)) {
                        continue;
                    }
                    for (String arn : targets(function, id, action)) {
                        if (!allows(statements, action, arn)) {
                            missing.add(id + " (" + type + ") " + handler + ": " + action + " on " + arn);
                        }
                    }
                }
            }
        });

        assertThat(missing).as("calls CloudFormation makes with DeployRole that its policies do not allow").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void everyExemptionHoldsOnlyForAFeatureTheResourceDoesNotUse(Scenario scenario) {
        StackModel function = functionStack(pipelineStack(scenario), scenario);
        List<String> used = new ArrayList<>();
        function.resources().forEach((id, resource) -> {
            for (Exemption exemption : EXEMPTIONS) {
                if (exemption.type().equals(resource.get("Type")) && exemption.used().test(resource)) {
                    used.add(id + " uses " + exemption.feature() + ": " + exemption.actions() + " are needed");
                }
            }
        });

        assertThat(used).isEmpty();
    }

    static final List<String> OTHER_ROLES = List.of("StackCleanupRole", "BuildRole", "PipelineRole");

    @ParameterizedTest
    @FieldSource("OTHER_ROLES")
    void theRoleAllowsEveryCallItsHolderMakes(String role) {
        // The connection source, an application key and the backup: every call is made.
        StackModel pipeline = pipelineStack(new Scenario("true", "my-access-logs"));
        List<Map<String, Object>> statements = statementsOf(pipeline, role);
        String spoolBucket = new StackModel(Map.of("Resources", Map.of("SpoolBucket", Map.of("Type", "AWS::S3::Bucket"))),
                FUNCTION_NAME + "-function", REGION, Map.of()).physicalName("SpoolBucket");

        List<String> missing = new ArrayList<>();
        for (Call call : CALLS) {
            if (!call.role().equals(role)) {
                continue;
            }
            String arn = call.resource().equals("*") ? "*"
                    : (String) pipeline.resolve(Map.of("Fn::Sub", List.of(call.resource(), Map.of("SpoolBucket", spoolBucket))));
            if (!allows(statements, call.action(), arn)) {
                missing.add(call.action() + " on " + arn + " (" + call.source() + ")");
            }
        }

        assertThat(missing).as(role + ": calls its policies do not allow").isEmpty();
    }

    // ------------------------------------------------------------------ the stacks

    static StackModel pipelineStack(Scenario scenario) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Accounts", "nasa;esa");
        parameters.put("DataDogApiKey", "api-key");
        parameters.put("DataDogAppKey", "app-key");
        parameters.put("XBearerToken", "bearer");
        parameters.put("GitHubOwner", "someone");
        parameters.put("GitHubConnectionArn", "arn:aws:codeconnections:" + REGION + ":" + StackModel.ACCOUNT
                + ":connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d");
        parameters.put("FunctionName", FUNCTION_NAME);
        parameters.put("BackupEnabled", scenario.backupEnabled());
        parameters.put("AccessLogBucket", scenario.accessLogBucket());
        return new StackModel(Template.load(Template.PIPELINE).root, PIPELINE_STACK, REGION, parameters);
    }

    /** The function stack as the pipeline deploys it: samTemplate.yaml expanded by SAM. */
    static StackModel functionStack(StackModel pipeline, Scenario scenario) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("FunctionName", FUNCTION_NAME);
        parameters.put("AccountsParameterName", pipeline.ref("AccountsParameter"));
        parameters.put("XCredentialsSecretArn", pipeline.ref("XCredentialsSecret"));
        parameters.put("DataDogCredentialsSecretArn", pipeline.ref("DataDogCredentialsSecret"));
        parameters.put("BackupEnabled", scenario.backupEnabled());
        parameters.put("AccessLogBucket", scenario.accessLogBucket());
        String stackName = FUNCTION_NAME + "-function";
        String packageUri = "s3://" + pipeline.physicalName("PackageBucket") + "/0123456789abcdef0123456789abcdef";
        return new StackModel(expand(packageUri, parameters, stackName), stackName, REGION, parameters);
    }

    static Map<String, Object> expand(String packageUri, Map<String, String> parameters, String stackName) {
        List<String> command = new ArrayList<>(List.of("python3",
                Template.projectDirectory().resolve("src/test/python/expand_sam.py").toString(),
                Template.projectDirectory().resolve(Template.FUNCTION).toString(), packageUri,
                "AWS::Region=" + REGION, "AWS::AccountId=" + StackModel.ACCOUNT, "AWS::StackName=" + stackName));
        parameters.forEach((name, value) -> command.add(name + "=" + value));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("SAM expansion failed: " + err);
            }
            return JSON.readValue(out, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ schemas and targets

    static Map<String, List<String>> handlerPermissions(String type) {
        String file = "/cfn-schemas/" + type.toLowerCase(Locale.ROOT).replace("::", "-") + ".json";
        try (InputStream in = IamCoverageTest.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new AssertionError("no schema " + file + " for " + type + " (src/test/resources/cfn-schemas/README.md)");
            }
            Map<String, Object> schema = JSON.readValue(in, new TypeReference<>() { });
            Map<String, List<String>> permissions = new LinkedHashMap<>();
            @SuppressWarnings("unchecked")
            Map<String, Map<String, List<String>>> handlers = (Map<String, Map<String, List<String>>>) schema.get("handlers");
            handlers.forEach((handler, body) -> permissions.put(handler, body.get("permissions")));
            return permissions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean exempt(String type, String action, Map<String, Object> resource) {
        return EXEMPTIONS.stream().anyMatch(exemption -> exemption.type().equals(type)
                && exemption.actions().stream().anyMatch(action::equalsIgnoreCase)
                && !exemption.used().test(resource));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        Object properties = resource.get("Properties");
        return properties == null ? Map.of() : (Map<String, Object>) properties;
    }

    /** Whether an update can remove the property: it is absent (nothing to remove) or conditional. */
    private static boolean removable(Map<String, Object> resource, String property) {
        Object value = properties(resource).get(property);
        return value instanceof Map<?, ?> map && map.containsKey("Fn::If");
    }

    /** The ARNs a handler's call acts on for this resource. */
    static List<String> targets(StackModel stack, String id, String action) {
        String service = action.substring(0, action.indexOf(':')).toLowerCase(Locale.ROOT);
        Map<String, Object> properties = stack.properties(id);
        String regional = ":" + stack.region + ":" + StackModel.ACCOUNT + ":";
        String type = stack.type(id);
        return switch (type + " " + service) {
            case "AWS::S3::Bucket s3" -> List.of(stack.getAtt(id, "Arn"));
            case "AWS::S3::BucketPolicy s3" -> List.of("arn:aws:s3:::" + stack.resolve(properties.get("Bucket")));
            case "AWS::CloudWatch::Alarm cloudwatch" -> List.of("arn:aws:cloudwatch" + regional + "alarm:" + stack.physicalName(id));
            case "AWS::SQS::Queue sqs" -> List.of(stack.getAtt(id, "Arn"));
            case "AWS::Lambda::Function lambda" -> List.of(stack.getAtt(id, "Arn"));
            case "AWS::Lambda::Function iam" -> List.of((String) stack.resolve(properties.get("Role")));
            case "AWS::Lambda::Function s3" -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> code = (Map<String, Object>) stack.resolve(properties.get("Code"));
                yield List.of("arn:aws:s3:::" + code.get("S3Bucket") + "/" + code.get("S3Key"));
            }
            case "AWS::Lambda::Version lambda" -> {
                String function = stack.functionArn(String.valueOf(stack.resolve(properties.get("FunctionName"))));
                yield List.of(action.equalsIgnoreCase("lambda:PublishVersion") ? function : function + ":1");
            }
            case "AWS::Lambda::Alias lambda" -> List.of(stack.ref(id));
            case "AWS::Lambda::Permission lambda" ->
                    List.of(stack.functionArn(String.valueOf(stack.resolve(properties.get("FunctionName")))));
            case "AWS::Lambda::EventInvokeConfig lambda" ->
                    List.of(stack.functionArn(String.valueOf(stack.resolve(properties.get("FunctionName"))))
                            + ":" + stack.resolve(properties.get("Qualifier")));
            // The Service Authorization Reference lists no resource type for CreateEventSourceMapping.
            case "AWS::Lambda::EventSourceMapping lambda" -> List.of(action.equalsIgnoreCase("lambda:CreateEventSourceMapping")
                    ? "*" : "arn:aws:lambda" + regional + "event-source-mapping:" + StackModel.SAMPLE_UUID);
            case "AWS::Events::Rule events" -> List.of(stack.getAtt(id, "Arn"));
            case "AWS::IAM::Role iam" -> List.of(stack.getAtt(id, "Arn"));
            case "AWS::Logs::LogGroup logs" -> action.equalsIgnoreCase("logs:DescribeLogGroups")
                    ? List.of("arn:aws:logs" + regional + "log-group:*")
                    : List.of("arn:aws:logs" + regional + "log-group:" + stack.physicalName(id),
                            "arn:aws:logs" + regional + "log-group:" + stack.physicalName(id) + ":*");
            default -> throw new AssertionError("no rule for what " + action + " acts on for " + id + " (" + type
                    + "): add one to IamCoverageTest.targets");
        };
    }

    // ------------------------------------------------------------------ policies

    /** The statements of a role's inline policies and of the customer managed policies attached to it. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statementsOf(StackModel stack, String role) {
        List<Object> documents = new ArrayList<>();
        Map<String, Object> properties = (Map<String, Object>) stack.resolve(stack.properties(role));
        for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
            documents.add(((Map<String, Object>) policy).get("PolicyDocument"));
        }
        Set<String> attached = new LinkedHashSet<>((List<String>) properties.getOrDefault("ManagedPolicyArns", List.of()));
        String roleName = stack.physicalName(role);
        stack.resources().forEach((id, resource) -> {
            if ("AWS::IAM::ManagedPolicy".equals(resource.get("Type"))) {
                Map<String, Object> policy = (Map<String, Object>) stack.resolve(stack.properties(id));
                if (attached.contains(stack.ref(id)) || ((List<Object>) policy.getOrDefault("Roles", List.of())).contains(roleName)) {
                    documents.add(policy.get("PolicyDocument"));
                }
            }
        });
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object document : documents) {
            Object statement = ((Map<String, Object>) document).get("Statement");
            if (statement instanceof List<?> list) {
                list.forEach(item -> statements.add((Map<String, Object>) item));
            } else {
                statements.add((Map<String, Object>) statement);
            }
        }
        return statements;
    }

    static boolean allows(List<Map<String, Object>> statements, String action, String arn) {
        for (Map<String, Object> statement : statements) {
            if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
                throw new AssertionError("NotAction/NotResource are not modelled: " + statement);
            }
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            boolean actionMatches = asList(statement.get("Action")).stream()
                    .anyMatch(pattern -> glob(pattern, true).matcher(action).matches());
            boolean resourceMatches = asList(statement.get("Resource")).stream()
                    .anyMatch(pattern -> glob(pattern, false).matcher(arn).matches());
            if (actionMatches && resourceMatches) {
                return true;
            }
        }
        return false;
    }

    private static List<String> asList(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    /** An IAM pattern: * any run of characters, ? one character, the rest literal. */
    static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }
}
