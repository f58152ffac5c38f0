package io.github.twitterstats.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the posts backup's deployment promises (README.md, "Posts backup" and "Deploy to AWS"): it exists
 * only with BackupEnabled, the worker's trigger retries only the failed jobs, a job fails to the
 * dead-letter queue after three receives and an alarm watches it, the schedule defaults to 10:00
 * UTC, the archive survives the stack, and the deployment role may manage every backup resource.
 */
class BackupTemplateTest {

    private static final String ARCHIVE_NAME = "${FunctionName}-posts-${AWS::AccountId}-${AWS::Region}";

    private final Template function = Template.load(Template.FUNCTION);
    private final Template pipeline = Template.load(Template.PIPELINE);

    @Test
    void everyBackupResourceAndOutputExistsOnlyWithBackupEnabled() {
        assertThat(function.parameters().get("BackupEnabled")).containsEntry("Default", "false");
        assertThat(pipeline.parameters().get("BackupEnabled")).containsEntry("Default", "false");
        assertThat(function.conditions().get("BackupOn"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "BackupEnabled"), "true")));

        List<String> backup = function.resources().keySet().stream()
                .filter(id -> id.startsWith("Backup") || id.startsWith("Archive")).toList();
        assertThat(backup).contains("BackupQueue", "BackupDeadLetterQueue", "BackupDeadLetterAlarm", "ArchiveBucket",
                "ArchiveBucketPolicy", "BackupSchedulerFunction", "BackupWorkerFunction", "BackupWorkerQueueTrigger");
        assertThat(backup).allSatisfy(id -> assertThat(impliesBackupOn(function,
                (String) function.resources().get(id).get("Condition"))).as(id + " has a BackupOn condition").isTrue());
        function.outputs().forEach((id, output) -> {
            if (id.startsWith("Backup") || id.startsWith("Archive")) {
                assertThat(impliesBackupOn(function, (String) output.get("Condition"))).as("output " + id).isTrue();
            }
        });
        assertThat(pipeline.outputs().get("ArchiveBucketName")).containsEntry("Condition", "BackupOn");
        assertThat(impliesBackupOn(function, "HasAccessLogBucket")).as("a condition without BackupOn").isFalse();
    }

    @Test
    void theWorkerGetsAtMostTenJobsAndReportsTheFailedOnesAlone() {
        Map<String, Object> trigger = function.properties("BackupWorkerQueueTrigger");

        assertThat(function.type("BackupWorkerQueueTrigger")).isEqualTo("AWS::Lambda::EventSourceMapping");
        assertThat(trigger.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(((Number) trigger.get("BatchSize")).intValue()).isBetween(1, 10);
        assertThat(trigger.get("EventSourceArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("BackupQueue", "Arn")));
        assertThat(trigger.get("FunctionName")).as("the alias, i.e. a SnapStart version")
                .isEqualTo(Map.of("Ref", "BackupWorkerFunction.Alias"));
        assertThat(function.properties("BackupWorkerFunction")).containsEntry("AutoPublishAlias", "live")
                .doesNotContainKey("Events");
    }

    @Test
    void aJobMovesToTheDeadLetterQueueAfterThreeReceivesAndAnAlarmWatchesIt() {
        Map<String, Object> queue = function.properties("BackupQueue");
        Map<String, Object> alarm = function.properties("BackupDeadLetterAlarm");

        assertThat(queue.get("RedrivePolicy")).isEqualTo(Map.of(
                "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of("BackupDeadLetterQueue", "Arn")),
                "maxReceiveCount", 3));
        assertThat(alarm).containsEntry("Namespace", "AWS/SQS")
                .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible");
        assertThat(alarm.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "QueueName",
                "Value", Map.of("Fn::GetAtt", List.of("BackupDeadLetterQueue", "QueueName")))));
        assertThat(function.properties("BackupDeadLetterQueue").get("MessageRetentionPeriod")).isEqualTo(1209600);
        assertThat(queue).containsEntry("SqsManagedSseEnabled", true);
        assertThat(function.properties("BackupDeadLetterQueue")).containsEntry("SqsManagedSseEnabled", true);
    }

    @Test
    void aJobStaysInvisibleForAtLeastSixWorkerTimeouts() {
        int visibility = ((Number) function.properties("BackupQueue").get("VisibilityTimeout")).intValue();
        int timeout = ((Number) function.properties("BackupWorkerFunction").get("Timeout")).intValue();

        assertThat(visibility).isGreaterThanOrEqualTo(6 * timeout);
    }

    @Test
    void theSchedulerRunsDailyAtTenUtcByDefault() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> daily = (Map<String, Object>) ((Map<String, Object>) function
                .properties("BackupSchedulerFunction").get("Events")).get("Daily");
        Map<String, String> overrides = overrides();

        assertThat(function.parameters().get("BackupSchedule")).containsEntry("Default", "cron(0 10 * * ? *)");
        assertThat(daily).containsEntry("Type", "Schedule");
        assertThat(daily.get("Properties").toString()).contains("Schedule={Ref=BackupSchedule}");
        assertThat(pipeline.parameters().get("BackupHourUtc")).containsEntry("Default", 10)
                .containsEntry("MinValue", 0).containsEntry("MaxValue", 23);
        assertThat(overrides).containsEntry("BackupSchedule", "cron(0 ${BackupHourUtc} * * ? *)")
                .containsEntry("BackupEnabled", "${BackupEnabled}")
                .containsEntry("ArchiveTransitionDays", "${ArchiveTransitionDays}")
                .containsEntry("AccessLogBucket", "${AccessLogBucket}");
    }

    @Test
    void theArchiveSurvivesTheStackAndIsNeverEmptiedByTheCleanup() {
        Map<String, Object> bucket = function.resources().get("ArchiveBucket");

        assertThat(bucket).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(function.resources().get("ArchiveBucketPolicy")).containsEntry("DeletionPolicy", "Retain");
        assertThat(function.properties("ArchiveBucket").get("VersioningConfiguration"))
                .isEqualTo(Map.of("Status", "Enabled"));
        assertThat(function.properties("ArchiveBucket").get("LifecycleConfiguration").toString())
                .contains("StorageClass={Ref=ArchiveStorageClass}")
                .contains("TransitionInDays={Ref=ArchiveTransitionDays}");
        assertThat(pipeline.properties("StackCleanup").toString()).doesNotContain("posts-");
        assertThat(String.valueOf(pipeline.properties("StackCleanup").get("FunctionStackBucketOutputs")))
                .as("function-stack buckets the cleanup empties").doesNotContain("ArchiveBucketName");
        assertThat(pipeline.properties("StackCleanupRole").toString()).doesNotContain("posts-");
        // No statement of the deployment role may delete the archive, its policy or its objects.
        String archive = "arn:aws:s3:::twitter-stats-posts-123456789012-eu-west-1";
        List<String> problems = new java.util.ArrayList<>();
        for (Map<String, Object> policy : pipeline.policyDocumentsOf("DeployRole")) {
            for (Object item : (List<?>) policy.get("Statement")) {
                Map<?, ?> statement = (Map<?, ?>) item;
                Object actions = statement.get("Action");
                List<?> actionList = actions instanceof List<?> list ? list : List.of(String.valueOf(actions));
                Object resources = statement.get("Resource");
                List<?> resourceList = resources instanceof List<?> list ? list : List.of(resources);
                for (Object resource : resourceList) {
                    boolean coversTheArchive = matches(resource, archive) || matches(resource, archive + "/posts/x");
                    if (coversTheArchive && actionList.stream().map(String::valueOf)
                            .anyMatch(action -> action.startsWith("s3:Delete"))) {
                        problems.add(statement.get("Sid") + " may delete on " + resource);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Whether an IAM resource (a plain or Fn::Sub ARN with * wildcards) covers a concrete ARN. */
    private static boolean matches(Object resource, String arn) {
        String pattern = resource instanceof Map<?, ?> map && map.get("Fn::Sub") instanceof String sub ? sub
                : resource instanceof String plain ? plain : null;
        if (pattern == null) {
            return false;
        }
        pattern = pattern.replace("${AWS::Partition}", "aws").replace("${FunctionName}", "twitter-stats")
                .replace("${AWS::AccountId}", "123456789012").replace("${AWS::Region}", "eu-west-1");
        if (pattern.contains("${")) {
            return false; // names another resource of the stack, never the archive
        }
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            regex.append(Pattern.quote(part)).append(".*");
        }
        return arn.matches(regex.substring(0, regex.length() - 2));
    }

    @Test
    void theArchiveNameIsOneNameEverywhere() {
        assertThat(function.properties("ArchiveBucket").get("BucketName")).isEqualTo(Map.of("Fn::Sub", ARCHIVE_NAME));
        assertThat(pipeline.outputs().get("ArchiveBucketName").get("Value")).isEqualTo(Map.of("Fn::Sub", ARCHIVE_NAME));
        assertThat(function.outputs().get("ArchiveBucketName").get("Value").toString()).contains(ARCHIVE_NAME);
        assertThat(function.properties("BackupWorkerFunction").get("Environment").toString())
                .contains("ARCHIVE_BUCKET=").contains(ARCHIVE_NAME);
        // that the name is one S3 accepts for every FunctionName and Region: DeployLimitsTest
    }

    @Test
    void theDeployRoleMayManageEveryNamedBackupResource() {
        String deployRole = pipeline.policyDocumentsOf("DeployRole").toString();
        List<String> names = List.of(
                "function:${FunctionName}-backup-scheduler", "function:${FunctionName}-backup-worker",
                "log-group:/aws/lambda/${FunctionName}-backup-*",
                "rule/${FunctionName}-backup-schedule", "alarm:${FunctionName}-backup-dead-letters",
                "alarm:${FunctionName}-backup-scheduler-errors", ":${FunctionName}-backup-jobs",
                ":${FunctionName}-backup-jobs-dlq", "s3:::" + ARCHIVE_NAME,
                "role/${FunctionName}-backup/*");

        assertThat(names).allSatisfy(name -> assertThat(deployRole).contains(name));
        // ...and they are the names samTemplate.yaml gives.
        String template = function.resources().toString();
        List<String> given = List.of("FunctionName={Fn::Sub=${FunctionName}-backup-scheduler}",
                "FunctionName={Fn::Sub=${FunctionName}-backup-worker}",
                "LogGroupName={Fn::Sub=/aws/lambda/${FunctionName}-backup-scheduler}",
                "LogGroupName={Fn::Sub=/aws/lambda/${FunctionName}-backup-worker}",
                "Name={Fn::Sub=${FunctionName}-backup-schedule}",
                "AlarmName={Fn::Sub=${FunctionName}-backup-dead-letters}",
                "AlarmName={Fn::Sub=${FunctionName}-backup-scheduler-errors}",
                "QueueName={Fn::Sub=${FunctionName}-backup-jobs}", "QueueName={Fn::Sub=${FunctionName}-backup-jobs-dlq}",
                "BucketName={Fn::Sub=" + ARCHIVE_NAME + "}", "RolePath={Fn::Sub=/${FunctionName}-backup/}");
        assertThat(given).allSatisfy(name -> assertThat(template.contains(name)).as(name + " in samTemplate.yaml").isTrue());
    }

    @Test
    void theHandlersAreTheBackupOnes() {
        assertThat(function.properties("BackupSchedulerFunction").get("Handler"))
                .isEqualTo("io.github.twitterstats.adapter.in.lambda.BackupSchedulerHandler::handleRequest");
        assertThat(function.properties("BackupWorkerFunction").get("Handler"))
                .isEqualTo("io.github.twitterstats.adapter.in.lambda.BackupWorkerHandler::handleRequest");
        assertThat(function.properties("BackupSchedulerFunction").get("Environment").toString())
                .contains("BACKUP_QUEUE_URL={Ref=BackupQueue}").contains("ACCOUNTS_PARAMETER=");
    }

    // ------------------------------------------------------------------ helpers

    /** Whether a condition is BackupOn or an And that includes it. */
    @SuppressWarnings("unchecked")
    private static boolean impliesBackupOn(Template template, String condition) {
        if (condition == null) {
            return false;
        }
        if (condition.equals("BackupOn")) {
            return true;
        }
        Object definition = template.conditions().get(condition);
        if (definition instanceof Map<?, ?> map && map.get("Fn::And") instanceof List<?> operands) {
            return operands.stream().anyMatch(operand -> operand instanceof Map<?, ?> m
                    && m.get("Condition") instanceof String inner && impliesBackupOn(template, inner));
        }
        return false;
    }

    /** The function stack's parameters as the build writes them (TEMPLATE_CONFIGURATION). */
    private Map<String, String> overrides() throws Exception {
        return TemplateSecurityTest.templateConfigurationParameters(pipeline);
    }
}
