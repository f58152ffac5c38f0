package io.github.twitterstats.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template as CloudFormation would deploy it with given parameter values in a given Region:
 * every Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If and condition resolved,
 * resources whose condition is false left out, {@code AWS::NoValue} removed. What only exists
 * once deployed (the name CloudFormation generates for an unnamed bucket, a secret's random
 * suffix, a queue's URL) resolves to its longest form, so that the limits measured on the result
 * hold for every real deployment:
 * <ul>
 *   <li>a generated physical name is {@code <stack>-<LogicalId>-<13 random>}, cut to the most its
 *       type admits (CloudFormation User Guide, "Name type": it truncates to the type's maximum);</li>
 *   <li>a secret's ARN ends in {@code -} and 6 random characters (Secrets Manager User Guide, "ARN of
 *       a secret");</li>
 *   <li>a SAM alias ARN ends in {@code :<AutoPublishAlias>}, a version ARN in a 10-digit version;</li>
 *   <li>account ids have 12 digits.</li>
 * </ul>
 * A reference this class has no worst case for is an error, never a guess.
 */
final class WorstCaseRenderer {

    /** Where a stack is deployed: the values of the pseudo parameters. */
    record Region(String partition, String name, String urlSuffix) {
        @Override
        public String toString() {
            return name + " (" + partition + ")";
        }
    }

    /** One deployment: the Region, the account, the stack's name and every parameter's value. */
    record Deployment(Region region, String accountId, String stackName, Map<String, String> parameters) {
        Deployment {
            parameters = Map.copyOf(parameters);
        }

        @Override
        public String toString() {
            return "stack " + stackName + " in " + region + " with " + new java.util.TreeMap<>(parameters);
        }
    }

    /** What a resource of a type is named by, and the longest name CloudFormation generates for it. */
    private record Naming(String property, int generatedLength, boolean lowerCase) {
    }

    private static final Map<String, Naming> NAMING = Map.ofEntries(
            Map.entry("AWS::S3::Bucket", new Naming("BucketName", 63, true)),
            Map.entry("AWS::SQS::Queue", new Naming("QueueName", 80, false)),
            Map.entry("AWS::IAM::Role", new Naming("RoleName", 64, false)),
            Map.entry("AWS::IAM::ManagedPolicy", new Naming("ManagedPolicyName", 128, false)),
            Map.entry("AWS::Lambda::Function", new Naming("FunctionName", 64, false)),
            Map.entry("AWS::Serverless::Function", new Naming("FunctionName", 64, false)),
            Map.entry("AWS::Logs::LogGroup", new Naming("LogGroupName", 512, false)),
            Map.entry("AWS::CodeBuild::Project", new Naming("Name", 255, false)),
            Map.entry("AWS::CodePipeline::Pipeline", new Naming("Name", 100, false)),
            Map.entry("AWS::CodePipeline::Webhook", new Naming("Name", 100, false)),
            Map.entry("AWS::SecretsManager::Secret", new Naming("Name", 512, false)),
            Map.entry("AWS::SSM::Parameter", new Naming("Name", 1011, false)),
            Map.entry("AWS::Events::Rule", new Naming("Name", 64, false)),
            Map.entry("AWS::CloudWatch::Alarm", new Naming("AlarmName", 255, false)));

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    /** What a resolved {@code AWS::NoValue} leaves: nothing, removed from its map or list. */
    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private final Template template;
    private final Deployment deployment;

    WorstCaseRenderer(Template template, Deployment deployment) {
        this.template = template;
        this.deployment = deployment;
        for (String parameter : template.parameters().keySet()) {
            if (!deployment.parameters().containsKey(parameter)) {
                throw new IllegalArgumentException("no value for parameter " + parameter + " of " + template);
            }
        }
    }

    /** The resources the deployment creates (their condition holds), each with its properties rendered. */
    Map<String, Rendered> resources() {
        Map<String, Rendered> resources = new LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            if (!(resource.get("Condition") instanceof String condition) || condition(condition)) {
                resources.put(id, new Rendered(id, template.type(id), asMap(render(template.properties(id)))));
            }
        });
        return resources;
    }

    /** One rendered resource. */
    record Rendered(String logicalId, String type, Map<String, Object> properties) {
    }

    /** Whether every assertion of the template's Rules holds (CloudFormation refuses the stack otherwise). */
    @SuppressWarnings("unchecked")
    boolean rulesHold() {
        Map<String, Object> rules = (Map<String, Object>) template.root.getOrDefault("Rules", Map.of());
        for (Object rule : rules.values()) {
            Map<String, Object> body = (Map<String, Object>) rule;
            if (body.containsKey("RuleCondition") && !truth(body.get("RuleCondition"))) {
                continue;
            }
            for (Object assertion : (List<Object>) body.getOrDefault("Assertions", List.of())) {
                if (!truth(((Map<String, Object>) assertion).get("Assert"))) {
                    return false;
                }
            }
        }
        return true;
    }

    boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name + " in " + template);
        }
        return truth(definition);
    }

    // ------------------------------------------------------------------ rendering

    @SuppressWarnings("unchecked")
    Object render(Object node) {
        if (node instanceof List<?> list) {
            List<Object> rendered = new ArrayList<>();
            for (Object item : list) {
                Object value = render(item);
                if (value != NO_VALUE) {
                    rendered.add(value);
                }
            }
            return rendered;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        if (map.size() == 1) {
            Map.Entry<String, Object> only = ((Map<String, Object>) map).entrySet().iterator().next();
            String key = only.getKey();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return function(key, only.getValue());
            }
        }
        Map<String, Object> rendered = new LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((key, value) -> {
            Object resolved = render(value);
            if (resolved != NO_VALUE) {
                rendered.put(key, resolved);
            }
        });
        return rendered;
    }

    private Object function(String name, Object argument) {
        List<?> arguments = argument instanceof List<?> list ? list : List.of();
        return switch (name) {
            case "Ref" -> ref(text(render(argument)));
            case "Fn::GetAtt" -> getAtt(text(render(arguments.get(0))), text(render(arguments.get(1))));
            case "Fn::Sub" -> sub(argument);
            case "Fn::If" -> {
                Object chosen = condition(text(arguments.get(0))) ? arguments.get(1) : arguments.get(2);
                yield render(chosen);
            }
            case "Fn::Join" -> {
                List<String> parts = new ArrayList<>();
                for (Object part : asList(render(arguments.get(1)))) {
                    parts.add(text(part));
                }
                yield String.join(text(arguments.get(0)), parts);
            }
            case "Fn::Select" -> asList(render(arguments.get(1))).get(Integer.parseInt(text(render(arguments.get(0)))));
            case "Fn::Split" -> List.of(text(render(arguments.get(1))).split(Pattern.quote(text(arguments.get(0))), -1));
            case "Fn::GetAZs" -> List.of(deployment.region().name() + "a", deployment.region().name() + "b",
                    deployment.region().name() + "c");
            case "Fn::Base64" -> render(argument);
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> truth(Map.of(name, argument));
            default -> throw new IllegalArgumentException(name + " is not rendered (" + template + ")");
        };
    }

    private boolean truth(Object node) {
        if (!(node instanceof Map<?, ?> map) || map.size() != 1) {
            throw new IllegalArgumentException("not a condition: " + node);
        }
        Map.Entry<?, ?> only = map.entrySet().iterator().next();
        List<?> arguments = only.getValue() instanceof List<?> list ? list : List.of();
        return switch (String.valueOf(only.getKey())) {
            case "Condition" -> condition(text(only.getValue()));
            case "Fn::Equals" -> text(render(arguments.get(0))).equals(text(render(arguments.get(1))));
            case "Fn::Not" -> !truth(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::truth);
            case "Fn::Or" -> arguments.stream().anyMatch(this::truth);
            default -> throw new IllegalArgumentException("not a condition function: " + only.getKey());
        };
    }

    private Object sub(Object argument) {
        String text;
        Map<String, Object> locals = new LinkedHashMap<>();
        if (argument instanceof List<?> form) {
            text = text(form.get(0));
            asMap(render(form.get(1))).forEach(locals::put);
        } else {
            text = text(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1).trim();
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (locals.containsKey(variable)) {
                replacement = text(locals.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::") && !isSamReference(variable)) {
                String[] parts = variable.split("\\.", 2);
                replacement = text(getAtt(parts[0], parts[1]));
            } else {
                replacement = text(ref(variable));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Object ref(String name) {
        if (template.parameters().containsKey(name)) {
            String value = deployment.parameters().get(name);
            String type = String.valueOf(template.parameters().get(name).get("Type"));
            return type.startsWith("List<") || type.equals("CommaDelimitedList")
                    ? List.of(value.split(",", -1)) : value;
        }
        Region region = deployment.region();
        switch (name) {
            case "AWS::Region":
                return region.name();
            case "AWS::Partition":
                return region.partition();
            case "AWS::URLSuffix":
                return region.urlSuffix();
            case "AWS::AccountId":
                return deployment.accountId();
            case "AWS::StackName":
                return deployment.stackName();
            case "AWS::StackId":
                return arn("cloudformation", "stack/" + deployment.stackName() + "/" + "0".repeat(8) + "-0000-0000-0000-"
                        + "0".repeat(12));
            case "AWS::NoValue":
                return NO_VALUE;
            case "AWS::NotificationARNs":
                return List.of();
            default:
                break;
        }
        if (isSamReference(name)) {
            String[] parts = name.split("\\.", 2);
            String functionArn = text(getAtt(parts[0], "Arn"));
            return parts[1].equals("Alias")
                    ? functionArn + ":" + text(template.properties(parts[0]).get("AutoPublishAlias"))
                    : functionArn + ":" + "9".repeat(10);
        }
        if (!template.resources().containsKey(name)) {
            throw new IllegalArgumentException("Ref " + name + ": no such parameter or resource in " + template);
        }
        String type = template.type(name);
        return switch (type) {
            case "AWS::SQS::Queue" -> "https://sqs." + region.name() + "." + region.urlSuffix() + "/"
                    + deployment.accountId() + "/" + physicalName(name);
            case "AWS::IAM::ManagedPolicy" -> text(getAtt(name, "PolicyArn"));
            case "AWS::SecretsManager::Secret" -> text(getAtt(name, "Id"));
            default -> {
                if (!NAMING.containsKey(type)) {
                    throw new IllegalArgumentException("Ref " + name + ": no worst case known for " + type);
                }
                yield physicalName(name);
            }
        };
    }

    private Object getAtt(String resource, String attribute) {
        if (!template.resources().containsKey(resource)) {
            throw new IllegalArgumentException("GetAtt " + resource + "." + attribute + ": no such resource in " + template);
        }
        String type = template.type(resource);
        String name = NAMING.containsKey(type) ? physicalName(resource) : null;
        String value = switch (type + "." + attribute) {
            case "AWS::S3::Bucket.Arn" -> "arn:" + deployment.region().partition() + ":s3:::" + name;
            case "AWS::S3::Bucket.DomainName" -> name + ".s3." + deployment.region().urlSuffix();
            case "AWS::S3::Bucket.RegionalDomainName" -> name + ".s3." + deployment.region().name() + "."
                    + deployment.region().urlSuffix();
            case "AWS::SQS::Queue.Arn" -> arn("sqs", name);
            case "AWS::SQS::Queue.QueueName" -> name;
            case "AWS::SQS::Queue.QueueUrl" -> text(ref(resource));
            case "AWS::IAM::Role.Arn" -> "arn:" + deployment.region().partition() + ":iam::" + deployment.accountId()
                    + ":role" + path(resource) + name;
            case "AWS::IAM::Role.RoleId" -> "AROA" + "X".repeat(17);
            case "AWS::IAM::ManagedPolicy.PolicyArn" -> "arn:" + deployment.region().partition() + ":iam::"
                    + deployment.accountId() + ":policy" + path(resource) + name;
            case "AWS::Lambda::Function.Arn", "AWS::Serverless::Function.Arn" -> arn("lambda", "function:" + name);
            case "AWS::Logs::LogGroup.Arn" -> arn("logs", "log-group:" + name + ":*");
            case "AWS::CodeBuild::Project.Arn" -> arn("codebuild", "project/" + name);
            case "AWS::CodePipeline::Pipeline.Version" -> "9".repeat(10);
            case "AWS::CodePipeline::Webhook.Url" -> "https://" + deployment.region().name() + ".webhooks.aws/trigger?t="
                    + "X".repeat(200) + "&v=1";
            case "AWS::SecretsManager::Secret.Id" -> arn("secretsmanager", "secret:" + name + "-AbCdEf");
            case "AWS::Events::Rule.Arn" -> arn("events", "rule/" + name);
            case "AWS::CloudWatch::Alarm.Arn" -> arn("cloudwatch", "alarm:" + name);
            case "AWS::Lambda::Function.SnapStartResponse.ApplyOn" -> "PublishedVersions";
            default -> throw new IllegalArgumentException("GetAtt " + resource + "." + attribute
                    + ": no worst case known for " + type);
        };
        return value;
    }

    private String arn(String service, String resource) {
        return "arn:" + deployment.region().partition() + ":" + service + ":" + deployment.region().name() + ":"
                + deployment.accountId() + ":" + resource;
    }

    /** The resource's own name property, rendered, or the longest name CloudFormation would generate. */
    private String physicalName(String logicalId) {
        Naming naming = NAMING.get(template.type(logicalId));
        Object given = template.properties(logicalId).get(naming.property());
        if (given != null) {
            Object rendered = render(given);
            if (rendered != NO_VALUE) {
                return text(rendered);
            }
        }
        String generated = deployment.stackName() + "-" + logicalId + "-" + "ABCDEFGHIJKLM";
        generated = generated.substring(0, Math.min(generated.length(), naming.generatedLength()));
        return naming.lowerCase() ? generated.toLowerCase(Locale.ROOT) : generated;
    }

    private String path(String logicalId) {
        Object path = template.properties(logicalId).get("Path");
        return path == null ? "/" : text(render(path));
    }

    /** {@code Function.Alias} and {@code Function.Version}: what SAM's AutoPublishAlias lets a template name. */
    private boolean isSamReference(String name) {
        String[] parts = name.split("\\.", 2);
        return parts.length == 2 && Set.of("Alias", "Version").contains(parts[1])
                && template.resources().containsKey(parts[0])
                && "AWS::Serverless::Function".equals(template.type(parts[0]))
                && template.properties(parts[0]).containsKey("AutoPublishAlias");
    }

    private static String text(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException("not a scalar: " + value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("not a map: " + value);
    }

    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        throw new IllegalArgumentException("not a list: " + value);
    }
}
