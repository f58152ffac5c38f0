package io.github.twitterstats.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template as one stack of it would be: parameter values given, conditions evaluated, every
 * resource given the physical name CloudFormation would give it (its name property, or a generated
 * {@code <stack>-<LogicalId>-<suffix>} name for the types that generate one), and intrinsic
 * functions (Ref, Fn::GetAtt, Fn::Sub, Fn::If, Fn::Join, Fn::Select) resolved against that. Only
 * what this project's templates use is modelled; anything else is an error, not a guess.
 */
final class StackModel {

    /** The sample account and the suffix CloudFormation appends to a generated name. */
    static final String ACCOUNT = "123456789012";
    static final String GENERATED_SUFFIX = "a1b2c3d4e5f6";
    /** The id Lambda gives an event source mapping and CloudFormation a stack (samples). */
    static final String SAMPLE_UUID = "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    /** The property that names a resource of each type, where the template may set it. */
    private static final Map<String, String> NAME_PROPERTIES = Map.ofEntries(
            Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::CloudWatch::Alarm", "AlarmName"),
            Map.entry("AWS::Events::Rule", "Name"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::IAM::ManagedPolicy", "ManagedPolicyName"),
            Map.entry("AWS::CodeBuild::Project", "Name"),
            Map.entry("AWS::CodePipeline::Pipeline", "Name"),
            Map.entry("AWS::SecretsManager::Secret", "Name"),
            Map.entry("AWS::SSM::Parameter", "Name"));

    final Map<String, Object> template;
    final String region;
    final String stackName;
    private final Map<String, String> parameters;
    private final Map<String, Boolean> conditions = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    StackModel(Map<String, Object> template, String stackName, String region, Map<String, String> given) {
        this.template = template;
        this.stackName = stackName;
        this.region = region;
        this.parameters = new LinkedHashMap<>();
        Map<String, Map<String, Object>> declared =
                (Map<String, Map<String, Object>>) template.getOrDefault("Parameters", Map.of());
        declared.forEach((name, declaration) -> {
            Object value = given.containsKey(name) ? given.get(name) : declaration.get("Default");
            if (value == null) {
                throw new IllegalArgumentException(stackName + ": no value for parameter " + name);
            }
            parameters.put(name, String.valueOf(value));
        });
        parameters.put("AWS::AccountId", ACCOUNT);
        parameters.put("AWS::Region", region);
        parameters.put("AWS::Partition", "aws");
        parameters.put("AWS::StackName", stackName);
        parameters.put("AWS::URLSuffix", "amazonaws.com");
        parameters.put("AWS::StackId", "arn:aws:cloudformation:" + region + ":" + ACCOUNT + ":stack/" + stackName
                + "/" + SAMPLE_UUID);
        Map<String, Object> declaredConditions = (Map<String, Object>) template.getOrDefault("Conditions", Map.of());
        declaredConditions.keySet().forEach(this::condition);
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> declaredResources() {
        return (Map<String, Map<String, Object>>) template.get("Resources");
    }

    /** The resources this stack has: those without a condition or whose condition holds. */
    Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> present = new LinkedHashMap<>();
        declaredResources().forEach((id, resource) -> {
            if (!(resource.get("Condition") instanceof String condition) || condition(condition)) {
                present.put(id, resource);
            }
        });
        return present;
    }

    String type(String id) {
        return (String) declaredResources().get(id).get("Type");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String id) {
        Object properties = declaredResources().get(id).get("Properties");
        return properties == null ? Map.of() : (Map<String, Object>) properties;
    }

    @SuppressWarnings("unchecked")
    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        Object expression = ((Map<String, Object>) template.get("Conditions")).get(name);
        if (expression == null) {
            throw new IllegalArgumentException(stackName + ": no condition " + name);
        }
        boolean value = evaluate(expression);
        conditions.put(name, value);
        return value;
    }

    @SuppressWarnings("unchecked")
    private boolean evaluate(Object expression) {
        Map.Entry<String, Object> function = only((Map<String, Object>) expression);
        List<Object> arguments = function.getValue() instanceof List<?> list ? (List<Object>) list : List.of();
        return switch (function.getKey()) {
            case "Condition" -> condition((String) function.getValue());
            case "Fn::Not" -> !evaluate(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::evaluate);
            case "Fn::Or" -> arguments.stream().anyMatch(this::evaluate);
            case "Fn::Equals" -> String.valueOf(resolve(arguments.get(0))).equals(String.valueOf(resolve(arguments.get(1))));
            default -> throw new IllegalArgumentException("condition function " + function.getKey());
        };
    }

    /** The physical name (or id) CloudFormation gives the resource. */
    String physicalName(String id) {
        String type = type(id);
        String property = NAME_PROPERTIES.get(type);
        if (property != null && properties(id).get(property) != null) {
            return String.valueOf(resolve(properties(id).get(property)));
        }
        return switch (type) {
            // S3 generates lower-case names, at most 63 characters.
            case "AWS::S3::Bucket" -> truncate((stackName + "-" + id).toLowerCase(Locale.ROOT), 63 - 13)
                    + "-" + GENERATED_SUFFIX;
            case "AWS::IAM::Role", "AWS::IAM::ManagedPolicy", "AWS::SQS::Queue", "AWS::Lambda::Function",
                 "AWS::Logs::LogGroup", "AWS::CodeBuild::Project", "AWS::CodePipeline::Pipeline" ->
                    truncate(stackName + "-" + id, 64 - 13) + "-" + GENERATED_SUFFIX.toUpperCase(Locale.ROOT);
            case "AWS::SecretsManager::Secret" -> id + "-" + GENERATED_SUFFIX;
            default -> id;
        };
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    /** What {@code Ref id} returns for a resource of this stack. */
    String ref(String id) {
        String name = physicalName(id);
        return switch (type(id)) {
            case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/" + name;
            case "AWS::SecretsManager::Secret" -> "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + name
                    + "-AbCdEf";
            case "AWS::IAM::ManagedPolicy" -> "arn:aws:iam::" + ACCOUNT + ":policy" + path(id) + name;
            case "AWS::Lambda::Alias" -> functionArn(String.valueOf(resolve(properties(id).get("FunctionName"))))
                    + ":" + resolve(properties(id).get("Name"));
            case "AWS::Lambda::Version" -> functionArn(String.valueOf(resolve(properties(id).get("FunctionName"))))
                    + ":1";
            case "AWS::Lambda::EventSourceMapping" -> SAMPLE_UUID;
            default -> name;
        };
    }

    private String path(String id) {
        Object path = properties(id).get("Path");
        return path == null ? "/" : String.valueOf(resolve(path));
    }

    String functionArn(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn
                : "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + nameOrArn;
    }

    /** What {@code Fn::GetAtt [id, attribute]} returns. */
    String getAtt(String id, String attribute) {
        String name = physicalName(id);
        String arnPrefix = ":" + region + ":" + ACCOUNT + ":";
        return switch (type(id) + "." + attribute) {
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + name;
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs" + arnPrefix + name;
            case "AWS::SQS::Queue.QueueName" -> name;
            case "AWS::Lambda::Function.Arn" -> functionArn(name);
            case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + ACCOUNT + ":role" + path(id) + name;
            case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs" + arnPrefix + "log-group:" + name + ":*";
            case "AWS::Events::Rule.Arn" -> "arn:aws:events" + arnPrefix + "rule/" + name;
            case "AWS::CodeBuild::Project.Arn" -> "arn:aws:codebuild" + arnPrefix + "project/" + name;
            case "AWS::CodePipeline::Pipeline.Version" -> "1";
            default -> throw new IllegalArgumentException(stackName + ": GetAtt " + id + "." + attribute);
        };
    }

    /** The value of a template node in this stack: a string, a list, a map, or NoValue (null). */
    @SuppressWarnings("unchecked")
    Object resolve(Object node) {
        if (node instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object value = resolve(item);
                if (value != null) {
                    resolved.add(value);
                }
            }
            return resolved;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node == null ? null : String.valueOf(node);
        }
        if (map.size() == 1) {
            Map.Entry<String, Object> only = only((Map<String, Object>) map);
            Object argument = only.getValue();
            switch (only.getKey()) {
                case "Ref" -> {
                    String name = (String) argument;
                    if (name.equals("AWS::NoValue")) {
                        return null;
                    }
                    if (parameters.containsKey(name)) {
                        return parameters.get(name);
                    }
                    return ref(name);
                }
                case "Fn::GetAtt" -> {
                    List<Object> parts = argument instanceof String dotted
                            ? List.of(dotted.substring(0, dotted.indexOf('.')), dotted.substring(dotted.indexOf('.') + 1))
                            : (List<Object>) argument;
                    return getAtt((String) parts.get(0), (String) parts.get(1));
                }
                case "Fn::Sub" -> {
                    return sub(argument);
                }
                case "Fn::If" -> {
                    List<Object> arguments = (List<Object>) argument;
                    return resolve(condition((String) arguments.get(0)) ? arguments.get(1) : arguments.get(2));
                }
                case "Fn::Join" -> {
                    List<Object> arguments = (List<Object>) argument;
                    List<Object> parts = (List<Object>) resolve(arguments.get(1));
                    return String.join((String) arguments.get(0), parts.stream().map(String::valueOf).toList());
                }
                case "Fn::Select" -> {
                    List<Object> arguments = (List<Object>) argument;
                    return ((List<Object>) resolve(arguments.get(1))).get(Integer.parseInt(String.valueOf(resolve(arguments.get(0)))));
                }
                default -> {
                    if (only.getKey().startsWith("Fn::")) {
                        throw new IllegalArgumentException(stackName + ": intrinsic " + only.getKey());
                    }
                }
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        ((Map<String, Object>) map).forEach((key, value) -> {
            Object result = resolve(value);
            if (result != null) {
                resolved.put(key, result);
            }
        });
        return resolved;
    }

    @SuppressWarnings("unchecked")
    private String sub(Object argument) {
        String text;
        Map<String, Object> locals = Map.of();
        if (argument instanceof List<?> form) {
            text = (String) form.get(0);
            locals = (Map<String, Object>) form.get(1);
        } else {
            text = (String) argument;
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1).trim();
            String value;
            if (locals.containsKey(variable)) {
                value = String.valueOf(resolve(locals.get(variable)));
            } else if (parameters.containsKey(variable)) {
                value = parameters.get(variable);
            } else if (variable.contains(".")) {
                int dot = variable.indexOf('.');
                value = getAtt(variable.substring(0, dot), variable.substring(dot + 1));
            } else {
                value = ref(variable);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private static Map.Entry<String, Object> only(Map<String, Object> map) {
        if (map.size() != 1) {
            throw new IllegalArgumentException("not an intrinsic function: " + map);
        }
        return map.entrySet().iterator().next();
    }
}
