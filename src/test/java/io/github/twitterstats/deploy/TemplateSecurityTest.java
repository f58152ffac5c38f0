package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What the templates promise about secrets and permissions: credentials are NoEcho parameters
 * that reach nothing but a Secrets Manager secret, every bucket is encrypted, private and
 * TLS-only, and no IAM policy grants a wildcard action.
 */
class TemplateSecurityTest {

    static final List<String> TEMPLATES = Template.ALL;

    /** The pipeline template's credential parameters: everything a user types that is a secret. */
    static final Set<String> CREDENTIAL_PARAMETERS = Set.of("DataDogApiKey", "DataDogAppKey", "XBearerToken",
            "XConsumerKey", "XConsumerSecret", "XAccessToken", "XAccessTokenSecret", "GitHubOAuthToken");

    /** What a credential's name looks like, so that a new one cannot slip past the list above. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(Key|Secret|Token|Password)$");

    /** The environment variables that would carry a credential value itself (CONTRACT.md). */
    private static final Set<String> DIRECT_CREDENTIAL_VARIABLES = Set.of("X_BEARER_TOKEN", "X_CONSUMER_KEY",
            "X_CONSUMER_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET", "DD_API_KEY", "DD_APP_KEY");

    private static final Pattern SERVICE_WILDCARD = Pattern.compile("^[A-Za-z0-9-]+:\\*$");

    /**
     * APIs with no resource-level permissions, the only actions a "*" resource may be granted
     * for; add one here only with the IAM reference that says so. lambda:CreateEventSourceMapping:
     * the Service Authorization Reference (Actions defined by AWS Lambda) lists no resource type
     * for it, only the condition key lambda:FunctionArn, which such a grant must then carry
     * ({@link #aStarResourceIsNarrowedByTheConditionKeyItsApiOffers}). codepipeline:PutJobSuccessResult
     * and PutJobFailureResult (a Lambda invoke action reporting its job): the same reference lists
     * no resource type for them.
     */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS = Set.of(
            "cloudwatch:PutMetricData", "xray:PutTraceSegments", "xray:PutTelemetryRecords",
            "lambda:CreateEventSourceMapping", "codepipeline:PutJobSuccessResult", "codepipeline:PutJobFailureResult");

    /** The condition key that narrows a "*" grant of these actions, where the API offers one. */
    private static final Map<String, String> NARROWING_CONDITION_KEYS = Map.of(
            "lambda:CreateEventSourceMapping", "lambda:FunctionArn");

    // ------------------------------------------------------------------ credentials

    @Test
    void everyCredentialParameterIsNoEcho() {
        Template pipeline = Template.load(Template.PIPELINE);

        assertThat(pipeline.parameters().keySet().stream().filter(name -> CREDENTIAL_NAME.matcher(name).matches()))
                .as("parameters named like credentials").containsExactlyInAnyOrderElementsOf(CREDENTIAL_PARAMETERS);
        assertThat(CREDENTIAL_PARAMETERS).allSatisfy(name ->
                assertThat(pipeline.parameters().get(name).get("NoEcho")).as(name + " NoEcho").isEqualTo(true));
    }

    @Test
    void aCredentialReachesNothingButTheSecretStringOfASecret() {
        Template pipeline = Template.load(Template.PIPELINE);
        List<String> leaks = new ArrayList<>();

        for (Template.Reference reference : pipeline.references()) {
            if (!CREDENTIAL_PARAMETERS.contains(reference.target())) {
                continue;
            }
            String path = reference.path();
            boolean onlyComparedInARuleOrCondition = path.startsWith("Rules.") || path.startsWith("Conditions.");
            boolean storedInASecret = path.matches("Resources\\.[A-Za-z0-9]+\\.Properties\\.SecretString(\\..*)?")
                    && pipeline.type(path.split("\\.")[1]).equals("AWS::SecretsManager::Secret");
            if (!onlyComparedInARuleOrCondition && !storedInASecret) {
                leaks.add(reference.toString());
            }
        }

        assertThat(leaks).isEmpty();
    }

    @Test
    void theFunctionsEnvironmentHoldsNamesAndArnsNeverACredential() {
        Template function = Template.load(Template.FUNCTION);
        Map<String, Object> variables = environmentOf(function, "Function");

        assertThat(function.resourcesOfType("AWS::Serverless::Function")).allSatisfy(each ->
                assertThat(environmentOf(function, each)).as(each)
                        .doesNotContainKeys(DIRECT_CREDENTIAL_VARIABLES.toArray(String[]::new)));
        assertThat(variables).containsEntry("X_CREDENTIALS_SECRET", Map.of("Ref", "XCredentialsSecretArn"))
                .containsEntry("DD_CREDENTIALS_SECRET", Map.of("Ref", "DataDogCredentialsSecretArn"))
                .containsEntry("ACCOUNTS_PARAMETER", Map.of("Ref", "AccountsParameterName"));
        assertThat(function.parameters().keySet())
                .noneMatch(name -> CREDENTIAL_NAME.matcher(name).matches());
    }

    @Test
    void theDeployStageOverridesOnlyPlainValuesAndSecretArns() throws Exception {
        Template pipeline = Template.load(Template.PIPELINE);
        Template function = Template.load(Template.FUNCTION);
        Map<String, Object> createChangeSet = deployAction(pipeline, "CreateChangeSet");
        @SuppressWarnings("unchecked")
        Map<String, Object> configuration = (Map<String, Object>) createChangeSet.get("Configuration");
        String overridesTemplate = templateConfiguration(pipeline);

        Map<String, String> overrides = templateConfigurationParameters(pipeline);

        assertThat(configuration).as("the parameters come from the build's file, not a 1,000-character value")
                .doesNotContainKey("ParameterOverrides")
                .containsEntry("TemplateConfiguration", "Packaged::template-configuration.json");
        assertThat(overrides.keySet()).isSubsetOf(function.parameters().keySet());
        assertThat(Template.subVariables(overridesTemplate)).doesNotContainAnyElementsOf(CREDENTIAL_PARAMETERS);
        assertThat(overrides).containsEntry("XCredentialsSecretArn", "${XCredentialsSecret}")
                .containsEntry("DataDogCredentialsSecretArn", "${DataDogCredentialsSecret}");
        assertThat(pipeline.type("XCredentialsSecret")).isEqualTo("AWS::SecretsManager::Secret");
        assertThat(pipeline.type("DataDogCredentialsSecret")).isEqualTo("AWS::SecretsManager::Secret");
        assertThat(configuration.get("Capabilities")).isEqualTo("CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND");
        assertThat(configuration.get("ActionMode")).isEqualTo("CHANGE_SET_REPLACE");
        assertThat(deployAction(pipeline, "ExecuteChangeSet")).extractingByKey("Configuration")
                .extracting(c -> ((Map<?, ?>) c).get("ActionMode")).isEqualTo("CHANGE_SET_EXECUTE");
    }

    /** The Fn::Sub text of the CodeBuild project's TEMPLATE_CONFIGURATION, which the build writes out. */
    @SuppressWarnings("unchecked")
    static String templateConfiguration(Template pipeline) {
        List<Object> variables = (List<Object>) ((Map<?, ?>) pipeline.properties("BuildProject").get("Environment"))
                .get("EnvironmentVariables");
        for (Object variable : variables) {
            if (variable instanceof Map<?, ?> map && "TEMPLATE_CONFIGURATION".equals(map.get("Name"))) {
                return (String) ((Map<?, ?>) map.get("Value")).get("Fn::Sub");
            }
        }
        throw new AssertionError("no TEMPLATE_CONFIGURATION in the build project");
    }

    static Map<String, String> templateConfigurationParameters(Template pipeline) throws Exception {
        Map<String, Map<String, String>> file = new ObjectMapper().readValue(templateConfiguration(pipeline),
                new TypeReference<>() {
                });
        assertThat(file.keySet()).as("a template configuration file holds Parameters only here").containsExactly("Parameters");
        return file.get("Parameters");
    }

    @Test
    void theSecretsHoldTheJsonKeysTheContractNames() {
        Template pipeline = Template.load(Template.PIPELINE);

        assertThat(secretStringBranches(pipeline, "XCredentialsSecret")).containsExactlyInAnyOrder(
                "{\"bearer_token\":\"${XBearerToken}\"}",
                "{\"consumer_key\":\"${XConsumerKey}\",\"consumer_secret\":\"${XConsumerSecret}\","
                        + "\"access_token\":\"${XAccessToken}\",\"access_token_secret\":\"${XAccessTokenSecret}\"}");
        assertThat(secretStringBranches(pipeline, "DataDogCredentialsSecret")).containsExactlyInAnyOrder(
                "{\"api_key\":\"${DataDogApiKey}\",\"app_key\":\"${DataDogAppKey}\"}",
                "{\"api_key\":\"${DataDogApiKey}\"}");
    }

    @Test
    void noOutputRevealsACredential() {
        Template pipeline = Template.load(Template.PIPELINE);

        assertThat(pipeline.references()).filteredOn(reference -> reference.path().startsWith("Outputs."))
                .extracting(Template.Reference::target).doesNotContainAnyElementsOf(CREDENTIAL_PARAMETERS);
    }

    // ------------------------------------------------------------------ buckets

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyBucketIsEncryptedPrivateAndExpiresOldObjects(String file) {
        Template template = Template.load(file);

        for (String bucket : template.resourcesOfType("AWS::S3::Bucket")) {
            Map<String, Object> properties = template.properties(bucket);
            assertThat(properties).as(bucket).containsKey("BucketEncryption");
            assertThat(properties.get("PublicAccessBlockConfiguration")).as(bucket).isEqualTo(Map.of(
                    "BlockPublicAcls", true, "BlockPublicPolicy", true,
                    "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
            String lifecycle = String.valueOf(properties.get("LifecycleConfiguration"));
            if ("Retain".equals(template.resources().get(bucket).get("DeletionPolicy"))) {
                // An archive the user keeps: its objects never expire, they move to cheaper storage,
                // and only the versions a re-run replaced expire.
                assertThat(lifecycle).as(bucket + " (retained archive)").contains("Transitions")
                        .contains("NoncurrentVersionExpiration").doesNotContain("ExpirationInDays");
            } else {
                assertThat(lifecycle).as(bucket).contains("ExpirationInDays");
            }
            assertThat(properties.get("LoggingConfiguration")).as(bucket + " logs when a log bucket is given")
                    .isInstanceOf(Map.class).asString().startsWith("{Fn::If=[HasAccessLogBucket");
        }
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void everyBucketRefusesAccessWithoutTls(String file) {
        Template template = Template.load(file);

        for (String bucket : template.resourcesOfType("AWS::S3::Bucket")) {
            List<Map<String, Object>> denials = new ArrayList<>();
            for (String policy : template.resourcesOfType("AWS::S3::BucketPolicy")) {
                Map<String, Object> properties = template.properties(policy);
                if (!Map.of("Ref", bucket).equals(properties.get("Bucket"))) {
                    continue;
                }
                for (Map<String, Object> statement : statements(properties.get("PolicyDocument"))) {
                    Object condition = statement.get("Condition");
                    if ("Deny".equals(statement.get("Effect")) && condition != null
                            && condition.toString().matches(".*Bool=\\{aws:SecureTransport=(false|'false')}.*")) {
                        denials.add(statement);
                    }
                }
            }
            assertThat(denials).as(bucket + ": a bucket policy with Deny on aws:SecureTransport false").hasSize(1);
            assertThat(denials.get(0).get("Resource").toString()).as(bucket + " and its objects")
                    .contains("Fn::GetAtt=[" + bucket + ", Arn]").contains("${" + bucket + ".Arn}/*");
        }
    }

    @Test
    void deletingTheStackEmptiesBothBuckets() {
        Template pipeline = Template.load(Template.PIPELINE);
        Map<String, Object> cleanup = pipeline.properties("StackCleanup");

        assertThat(pipeline.type("StackCleanup")).startsWith("Custom::");
        assertThat(cleanup.get("Buckets")).isEqualTo(
                pipeline.resourcesOfType("AWS::S3::Bucket").stream().map(bucket -> Map.of("Ref", bucket)).toList());
        assertThat(pipeline.properties("StackCleanupFunction").get("Runtime")).isEqualTo("python3.12");
        assertThat(((Map<?, ?>) pipeline.properties("StackCleanupFunction").get("Code")).get("ZipFile").toString())
                .contains("delete_objects").contains("\"Delete\"").contains("delete_stack");
    }

    // ------------------------------------------------------------------ IAM

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void noPolicyAllowsAWildcardAction(String file) {
        Template template = Template.load(file);
        List<String> wildcards = new ArrayList<>();

        policyDocuments(template).forEach((where, document) -> {
            for (Map<String, Object> statement : statements(document)) {
                if (statement.containsKey("NotAction")) {
                    wildcards.add(where + ": NotAction grants everything else");
                }
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue; // a Deny of s3:* (the TLS-only policy) refuses, it grants nothing
                }
                for (String action : strings(statement.get("Action"))) {
                    if (action.equals("*") || SERVICE_WILDCARD.matcher(action).matches()) {
                        wildcards.add(where + ": " + action);
                    }
                }
            }
        });

        assertThat(wildcards).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void aStarResourceIsGrantedOnlyForApisWithoutResourceLevelPermissions(String file) {
        Template template = Template.load(file);
        List<String> problems = new ArrayList<>();

        policyDocuments(template).forEach((where, document) -> {
            for (Map<String, Object> statement : statements(document)) {
                if ("Allow".equals(statement.get("Effect")) && strings(statement.get("Resource")).contains("*")) {
                    for (String action : strings(statement.get("Action"))) {
                        if (!ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.contains(action)) {
                            problems.add(where + ": " + action + " on *");
                        }
                    }
                }
            }
        });

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void aStarResourceIsNarrowedByTheConditionKeyItsApiOffers(String file) {
        Template template = Template.load(file);
        List<String> problems = new ArrayList<>();

        policyDocuments(template).forEach((where, document) -> {
            for (Map<String, Object> statement : statements(document)) {
                if (!"Allow".equals(statement.get("Effect")) || !strings(statement.get("Resource")).contains("*")) {
                    continue;
                }
                for (String action : strings(statement.get("Action"))) {
                    String key = NARROWING_CONDITION_KEYS.get(action);
                    if (key != null && !String.valueOf(statement.get("Condition")).contains(key + "=")) {
                        problems.add(where + ": " + action + " on * without a " + key + " condition");
                    }
                }
            }
        });

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TEMPLATES")
    void noRoleOrFunctionTakesABroadManagedPolicyOrSamPolicyTemplate(String file) {
        Template template = Template.load(file);

        // Customer managed policies of the same template only, which the other checks read.
        for (String role : template.resourcesOfType("AWS::IAM::Role")) {
            Object attached = template.properties(role).getOrDefault("ManagedPolicyArns", List.of());
            assertThat((List<?>) attached).as(role).allSatisfy(arn -> assertThat(arn instanceof Map<?, ?> ref
                    && ref.get("Ref") instanceof String id && template.resources().containsKey(id)
                    && "AWS::IAM::ManagedPolicy".equals(template.type(id))).as(role + ": " + arn).isTrue());
        }
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            Object policies = template.properties(function).get("Policies");
            assertThat(policies).as(function + " Policies: inline statements only").isInstanceOf(List.class);
            assertThat((List<?>) policies).allSatisfy(policy ->
                    assertThat(policy).as(function + " policy (a managed policy name or a SAM policy template "
                            + "would grant actions this test cannot see)").isInstanceOf(Map.class)
                            .asString().contains("Statement"));
        }
    }

    @Test
    void theFunctionMayReadOnlyItsTwoSecretsAndItsParameterAndUseOnlyItsSpool() {
        Template function = Template.load(Template.FUNCTION);
        // what this function's own policies allow (the spool bucket's TLS-only Deny is checked with the other buckets)
        Map<String, Map<String, Object>> byAction = statementsByAction(function, "Function");

        assertThat(byAction).containsOnlyKeys("secretsmanager:GetSecretValue", "ssm:GetParameter", "sqs:SendMessage",
                "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject");
        // the spool: its own bucket's spool/ prefix, nothing else
        assertThat(byAction.get("s3:ListBucket").get("Resource"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("SpoolBucket", "Arn")));
        assertThat(byAction.get("s3:ListBucket").get("Condition").toString()).contains("s3:prefix=spool/*");
        for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
            assertThat(byAction.get(action).get("Resource")).isEqualTo(Map.of("Fn::Sub", "${SpoolBucket.Arn}/spool/*"));
        }
        assertThat(byAction.get("secretsmanager:GetSecretValue").get("Resource")).isEqualTo(List.of(
                Map.of("Ref", "XCredentialsSecretArn"), Map.of("Ref", "DataDogCredentialsSecretArn")));
        assertThat(byAction.get("ssm:GetParameter").get("Resource").toString()).contains("parameter${AccountsParameterName}");
        assertThat(byAction.get("sqs:SendMessage").get("Resource"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("FailedInvocationsQueue", "Arn")));
    }

    @Test
    void theBackupSchedulerMayReadTheXSecretAndTheAccountsAndQueueJobsOnly() {
        Template function = Template.load(Template.FUNCTION);
        Map<String, Map<String, Object>> byAction = statementsByAction(function, "BackupSchedulerFunction");

        assertThat(byAction).containsOnlyKeys("secretsmanager:GetSecretValue", "ssm:GetParameter", "sqs:SendMessage");
        assertThat(byAction.get("secretsmanager:GetSecretValue").get("Resource"))
                .isEqualTo(Map.of("Ref", "XCredentialsSecretArn"));
        assertThat(byAction.get("ssm:GetParameter").get("Resource").toString()).contains("parameter${AccountsParameterName}");
        assertThat(byAction.get("sqs:SendMessage").get("Resource"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("BackupQueue", "Arn")));
    }

    @Test
    void theBackupWorkerMayReadTheXSecretAndItsQueueAndOnlyAddPostsToTheArchive() {
        Template function = Template.load(Template.FUNCTION);
        Map<String, Map<String, Object>> byAction = statementsByAction(function, "BackupWorkerFunction");

        assertThat(byAction).containsOnlyKeys("secretsmanager:GetSecretValue", "sqs:ReceiveMessage",
                "sqs:DeleteMessage", "sqs:GetQueueAttributes", "s3:PutObject");
        assertThat(byAction.get("secretsmanager:GetSecretValue").get("Resource"))
                .isEqualTo(Map.of("Ref", "XCredentialsSecretArn"));
        assertThat(byAction.get("sqs:ReceiveMessage").get("Resource"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("BackupQueue", "Arn")));
        assertThat(byAction.get("s3:PutObject").get("Resource")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:s3:::${FunctionName}-posts-${AWS::AccountId}-${AWS::Region}/posts/*"));
    }

    // ------------------------------------------------------------------ helpers

    /** The Allow statements of one function's inline policies, by the actions they allow. */
    private static Map<String, Map<String, Object>> statementsByAction(Template template, String function) {
        Map<String, Map<String, Object>> byAction = new LinkedHashMap<>();
        policyDocuments(template).forEach((where, document) -> {
            if (where.startsWith(function + ".")) {
                statements(document).stream().filter(statement -> "Allow".equals(statement.get("Effect")))
                        .forEach(statement ->
                                strings(statement.get("Action")).forEach(action -> byAction.put(action, statement)));
            }
        });
        assertThat(byAction).as(function + " has inline policies").isNotEmpty();
        return byAction;
    }

    /** Every IAM policy document of the template, by where it stands. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> policyDocuments(Template template) {
        Map<String, Object> documents = new LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            Map<String, Object> properties = template.properties(id);
            switch (template.type(id)) {
                case "AWS::IAM::Role" -> {
                    for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
                        Map<String, Object> named = (Map<String, Object>) policy;
                        documents.put(id + "." + named.get("PolicyName"), named.get("PolicyDocument"));
                    }
                }
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::S3::BucketPolicy",
                        "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy" ->
                        documents.put(id, properties.get("PolicyDocument"));
                case "AWS::Serverless::Function" -> {
                    Object policies = properties.get("Policies");
                    List<Object> list = policies instanceof List<?> l ? (List<Object>) l : List.of(policies);
                    for (int i = 0; i < list.size(); i++) {
                        documents.put(id + ".Policies[" + i + "]", list.get(i));
                    }
                }
                default -> {
                }
            }
        });
        return documents;
    }

    /** The statements of a policy document; a statement chosen by Fn::If counts with each branch. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Object document) {
        List<Map<String, Object>> statements = new ArrayList<>();
        if (!(document instanceof Map<?, ?> map)) {
            return statements;
        }
        Object statement = map.get("Statement");
        for (Object item : statement instanceof List<?> list ? list : List.of(statement)) {
            if (item instanceof Map<?, ?> s && s.containsKey("Fn::If")) {
                for (Object branch : ((List<Object>) s.get("Fn::If")).subList(1, 3)) {
                    if (branch instanceof Map<?, ?> b && !Template.isNoValue(b)) {
                        statements.add((Map<String, Object>) b);
                    }
                }
            } else if (item instanceof Map<?, ?> s) {
                statements.add((Map<String, Object>) s);
            }
        }
        return statements;
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environmentOf(Template template, String function) {
        Map<String, Object> environment = (Map<String, Object>) template.properties(function).get("Environment");
        return (Map<String, Object>) environment.get("Variables");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deployAction(Template pipeline, String name) {
        for (Object stage : (List<Object>) pipeline.properties("Pipeline").get("Stages")) {
            for (Object action : (List<Object>) ((Map<String, Object>) stage).get("Actions")) {
                Map<String, Object> declared = (Map<String, Object>) action;
                if (name.equals(declared.get("Name"))) {
                    return declared;
                }
            }
        }
        throw new AssertionError("no pipeline action " + name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> secretStringBranches(Template template, String secret) {
        Map<String, Object> secretString = (Map<String, Object>) template.properties(secret).get("SecretString");
        List<String> branches = new ArrayList<>();
        for (Object branch : ((List<Object>) secretString.get("Fn::If")).subList(1, 3)) {
            branches.add((String) ((Map<String, Object>) branch).get("Fn::Sub"));
        }
        return branches;
    }
}
