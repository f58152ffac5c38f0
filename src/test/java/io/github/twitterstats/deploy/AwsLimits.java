package io.github.twitterstats.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What AWS refuses at deploy time, measured on a rendered template (WorstCaseRenderer). Each limit
 * names the AWS document that states it. A check returns the violations it found, never throws.
 */
final class AwsLimits {

    /** One limit exceeded, or one name AWS refuses, where, by how much. */
    record Violation(String limit, String where, int measured, int maximum, String value) {
        @Override
        public String toString() {
            return where + ": " + limit + " (" + measured + (maximum > 0 ? " > " + maximum : "") + ")"
                    + (value.isEmpty() ? "" : ": " + abbreviated(value));
        }
    }

    // IAM User Guide, "IAM and AWS STS quotas": "Role policy size: the total size of all inline
    // policies for a role cannot exceed 10,240 characters" and "Managed policy size: 6,144
    // characters" (IAM does not count white space); "Managed policies attached to an IAM role: 10"
    // (the default quota).
    static final int ROLE_INLINE_POLICIES = 10_240;
    static final int MANAGED_POLICY = 6_144;
    static final int MANAGED_POLICIES_PER_ROLE = 10;
    // CodePipeline User Guide, "Quotas in AWS CodePipeline": "Maximum length of the action
    // configuration value: 1000 characters" (ParameterOverrides is one value).
    static final int ACTION_CONFIGURATION_VALUE = 1_000;
    // Lambda Developer Guide, "Lambda quotas": "Function environment variables: 4 KB, for all
    // environment variables associated with the function, in aggregate" (keys and values, bytes).
    static final int FUNCTION_ENVIRONMENT_BYTES = 4_096;
    // CloudFormation User Guide, "CloudFormation quotas": "Template body size in a request: 51,200
    // bytes" (TemplateBody, what `aws cloudformation deploy` sends without --s3-bucket) and
    // "Template body size in an Amazon S3 object: 1 MB" (TemplateURL; the console uploads the file
    // to S3 and sends its URL).
    static final int TEMPLATE_BODY_INLINE = 51_200;
    static final int TEMPLATE_BODY_IN_S3 = 1_000_000;

    // S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle": objects must be stored at
    // least 30 days before a transition to S3 Standard-IA or S3 One Zone-IA (S3 refuses the
    // configuration otherwise).
    static final String TRANSITION_SOURCE = "S3 User Guide, Transitioning objects using Amazon S3 Lifecycle";
    static final Map<String, Integer> MINIMUM_TRANSITION_DAYS = Map.of("STANDARD_IA", 30, "ONEZONE_IA", 30);

    /** A name rule of an AWS API: its length range and pattern, with the API reference that gives them. */
    record NameRule(String what, int min, int max, Pattern pattern, String source) {
        NameRule(String what, int min, int max, String pattern, String source) {
            this(what, min, max, Pattern.compile(pattern), source);
        }

        List<Violation> check(String where, String name) {
            if (name.length() < min || name.length() > max) {
                return List.of(new Violation(what + " of " + min + " to " + max + " characters (" + source + ")",
                        where, name.length(), max, name));
            }
            if (!pattern.matcher(name).matches()) {
                return List.of(new Violation(what + " matching " + pattern + " (" + source + ")", where,
                        name.length(), 0, name));
            }
            return List.of();
        }
    }

    static final NameRule STACK_NAME = new NameRule("a stack name", 1, 128, "[a-zA-Z][-a-zA-Z0-9]*",
            "CloudFormation API Reference, CreateStack, StackName");
    static final NameRule CHANGE_SET_NAME = new NameRule("a change set name", 1, 128, "[a-zA-Z][-a-zA-Z0-9]*",
            "CloudFormation API Reference, CreateChangeSet, ChangeSetName");
    /** Plus the rules a pattern cannot say well: see {@link #bucketName}. */
    static final NameRule BUCKET_NAME = new NameRule("a bucket name", 3, 63, "[a-z0-9][a-z0-9.-]*[a-z0-9]",
            "S3 User Guide, General purpose bucket naming rules");
    static final NameRule ROLE_NAME = new NameRule("a role name", 1, 64, "[\\w+=,.@-]+",
            "IAM API Reference, CreateRole, RoleName");
    static final NameRule IAM_PATH = new NameRule("an IAM path", 1, 512, "/|/[\\u0021-\\u007E]+/",
            "IAM API Reference, CreateRole, Path");
    static final NameRule MANAGED_POLICY_NAME = new NameRule("a managed policy name", 1, 128, "[\\w+=,.@-]+",
            "IAM API Reference, CreatePolicy, PolicyName");
    static final NameRule FUNCTION_NAME = new NameRule("a function name", 1, 64, "[a-zA-Z0-9_-]+",
            "Lambda API Reference, CreateFunction, FunctionName");
    static final NameRule LOG_GROUP_NAME = new NameRule("a log group name", 1, 512, "[.\\-_/#A-Za-z0-9]+",
            "CloudWatch Logs API Reference, CreateLogGroup, logGroupName");
    static final NameRule QUEUE_NAME = new NameRule("a queue name", 1, 80, "[A-Za-z0-9_-]+",
            "SQS API Reference, CreateQueue, QueueName");
    static final NameRule PIPELINE_NAME = new NameRule("a pipeline name", 1, 100, "[A-Za-z0-9.@\\-_]+",
            "CodePipeline API Reference, PipelineDeclaration, name");
    static final NameRule WEBHOOK_NAME = new NameRule("a webhook name", 1, 100, "[A-Za-z0-9.@\\-_]+",
            "CodePipeline API Reference, WebhookDefinition, name");
    static final NameRule BUILD_PROJECT_NAME = new NameRule("a build project name", 2, 255,
            "[A-Za-z0-9][A-Za-z0-9\\-_]{1,254}", "CodeBuild API Reference, CreateProject, name");
    static final NameRule RULE_NAME = new NameRule("an EventBridge rule name", 1, 64, "[.\\-_A-Za-z0-9]+",
            "EventBridge API Reference, PutRule, Name");
    static final NameRule ALARM_NAME = new NameRule("an alarm name", 1, 255, "(?s).+",
            "CloudWatch API Reference, PutMetricAlarm, AlarmName");
    static final NameRule SECRET_NAME = new NameRule("a secret name", 1, 512, "[A-Za-z0-9/_+=.@-]+",
            "Secrets Manager API Reference, CreateSecret, Name");
    // SSM API Reference, PutParameter, Name: "The maximum length for a parameter name, including the
    // full length of the parameter ARN, is 1011 characters"; the name below is checked as its ARN.
    static final NameRule PARAMETER_ARN = new NameRule("a parameter name (as its ARN)", 1, 1011, "(?s).+",
            "SSM API Reference, PutParameter, Name");

    /** The name properties of each resource type and the rule each must follow. */
    static final Map<String, Map<String, NameRule>> NAME_PROPERTIES = Map.ofEntries(
            Map.entry("AWS::S3::Bucket", Map.of("BucketName", BUCKET_NAME)),
            Map.entry("AWS::IAM::Role", Map.of("RoleName", ROLE_NAME, "Path", IAM_PATH)),
            Map.entry("AWS::IAM::ManagedPolicy", Map.of("ManagedPolicyName", MANAGED_POLICY_NAME, "Path", IAM_PATH)),
            Map.entry("AWS::Lambda::Function", Map.of("FunctionName", FUNCTION_NAME)),
            Map.entry("AWS::Serverless::Function", Map.of("FunctionName", FUNCTION_NAME, "RolePath", IAM_PATH)),
            Map.entry("AWS::Logs::LogGroup", Map.of("LogGroupName", LOG_GROUP_NAME)),
            Map.entry("AWS::SQS::Queue", Map.of("QueueName", QUEUE_NAME)),
            Map.entry("AWS::CodePipeline::Pipeline", Map.of("Name", PIPELINE_NAME)),
            Map.entry("AWS::CodePipeline::Webhook", Map.of("Name", WEBHOOK_NAME)),
            Map.entry("AWS::CodeBuild::Project", Map.of("Name", BUILD_PROJECT_NAME)),
            Map.entry("AWS::Events::Rule", Map.of("Name", RULE_NAME)),
            Map.entry("AWS::CloudWatch::Alarm", Map.of("AlarmName", ALARM_NAME)),
            Map.entry("AWS::SecretsManager::Secret", Map.of("Name", SECRET_NAME)));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private AwsLimits() {
    }

    /**
     * A bucket name: the pattern and length above, and (same source) no two adjacent periods, not
     * formatted as an IP address, none of the reserved prefixes and suffixes.
     */
    static List<Violation> bucketName(String where, String name) {
        List<Violation> found = new ArrayList<>(BUCKET_NAME.check(where, name));
        String source = " (" + BUCKET_NAME.source() + ")";
        if (name.contains("..")) {
            found.add(new Violation("a bucket name without two adjacent periods" + source, where, name.length(), 0, name));
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            found.add(new Violation("a bucket name not formatted as an IP address" + source, where, name.length(), 0, name));
        }
        for (String prefix : List.of("xn--", "sthree-", "amzn-s3-demo-")) {
            if (name.startsWith(prefix)) {
                found.add(new Violation("a bucket name not starting with " + prefix + source, where, name.length(), 0, name));
            }
        }
        for (String suffix : List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")) {
            if (name.endsWith(suffix)) {
                found.add(new Violation("a bucket name not ending in " + suffix + source, where, name.length(), 0, name));
            }
        }
        return found;
    }

    /** A name checked by the rule its kind has ({@link #bucketName} for buckets). */
    static List<Violation> name(NameRule rule, String where, String name) {
        return rule == BUCKET_NAME ? bucketName(where, name) : rule.check(where, name);
    }

    /** The size IAM counts of a policy document: its JSON without white space. */
    static int policySize(Object document) {
        try {
            return JSON.writeValueAsString(document).replaceAll("\\s+", "").length();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + document, e);
        }
    }

    /** The size Lambda counts of a function's environment: keys and values, UTF-8 bytes. */
    static int environmentSize(Map<?, ?> variables) {
        int bytes = 0;
        for (Map.Entry<?, ?> variable : variables.entrySet()) {
            bytes += String.valueOf(variable.getKey()).getBytes(StandardCharsets.UTF_8).length;
            bytes += String.valueOf(variable.getValue()).getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    static String abbreviated(String value) {
        return value.length() <= 90 ? value : value.substring(0, 60) + "…(" + value.length() + " characters)";
    }
}
