package io.github.twitterstats.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The CloudFormation resource specification, read from the offline database of the npm package
 * {@code @aws-cdk/aws-service-spec} (db.json.gz: tables of resources and property types, with
 * the SAM {@code AWS::Serverless::*} types among them), and a validator of template resources
 * against it: resource types, property names, required properties and the shape of every value,
 * nested property types included. Values given by an intrinsic function are not known before
 * deployment and are accepted, except Fn::If, whose branches are each checked.
 */
final class ResourceSpecification {

    static final String DB_PROPERTY = "cfn.spec.db";

    /**
     * SAM properties that are newer than the SAM part of the database and that SAM passes through
     * unchanged to the AWS::Lambda::Function it generates (SAM's AWS::Serverless::Function
     * reference says so of each): they are validated as that Lambda property.
     */
    private static final Map<String, Set<String>> SAM_PASS_THROUGH = Map.of(
            "AWS::Serverless::Function", Set.of("SnapStart", "LoggingConfig", "RuntimeManagementConfig",
                    "RecursiveLoop"));
    private static final String SAM_PASS_THROUGH_TARGET = "AWS::Lambda::Function";

    /**
     * SAM properties newer than the SAM part of the database that SAM copies to another property
     * of a resource it generates: RolePath becomes the Path of the function's generated
     * AWS::IAM::Role (SAM's AWS::Serverless::Function reference, property RolePath; added by
     * aws/serverless-application-model pull request 2659). Each is validated as that property.
     */
    private static final Map<String, Map<String, List<String>>> SAM_COPIED_TO = Map.of(
            "AWS::Serverless::Function", Map.of("RolePath", List.of("AWS::IAM::Role", "Path")));

    /**
     * Known errors of the database, each with the document that corrects it: the SAM part marks
     * both destinations of EventInvokeDestinationConfiguration as required, while SAM's reference
     * (sam-property-function-eventinvokedestinationconfiguration) says "Required: No" for each.
     */
    private static final Map<String, Set<String>> NOT_ACTUALLY_REQUIRED = Map.of(
            "EventInvokeDestinationConfig", Set.of("OnFailure", "OnSuccess"));

    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn",
            "Condition", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy");

    private final Map<String, JsonNode> resourceTypes = new HashMap<>();
    private final Map<String, JsonNode> propertyTypes = new HashMap<>();

    private ResourceSpecification(JsonNode db) {
        JsonNode schema = db.path("schema");
        for (JsonNode resource : schema.path("resource").path("entities")) {
            resourceTypes.put(resource.path("cloudFormationType").asText(), resource);
        }
        for (JsonNode type : schema.path("typeDefinition").path("entities")) {
            propertyTypes.put(type.path("$id").asText(), type);
        }
    }

    /** The database the pom names; its absence fails the calling test with what to run. */
    static ResourceSpecification load() {
        String location = System.getProperty(DB_PROPERTY);
        if (location == null || !Files.isRegularFile(Path.of(location))) {
            throw new AssertionError("The CloudFormation resource specification is missing ("
                    + DB_PROPERTY + "=" + location + "). Run bin/install-test-tools (bin/test does), "
                    + "which installs the npm package @aws-cdk/aws-service-spec into .tools/cfn-spec.");
        }
        return load(Path.of(location));
    }

    private static ResourceSpecification cached;

    static synchronized ResourceSpecification load(Path db) {
        if (cached == null) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(db), 1 << 16)) {
                cached = new ResourceSpecification(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cached;
    }

    int resourceTypeCount() {
        return resourceTypes.size();
    }

    boolean knows(String resourceType) {
        return resourceTypes.containsKey(resourceType);
    }

    /** The attributes !GetAtt may read, or null for a type whose attributes the spec leaves open. */
    Set<String> attributes(String resourceType) {
        JsonNode resource = resourceTypes.get(resourceType);
        if (resource == null || resourceType.startsWith("AWS::Serverless::")) {
            return null;
        }
        Set<String> names = new java.util.TreeSet<>();
        resource.path("attributes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every disagreement between the template's resources and the specification. */
    List<String> problems(Template template) {
        List<String> problems = new ArrayList<>();
        template.resources().forEach((id, resource) -> problems.addAll(problems(id, resource)));
        return problems;
    }

    @SuppressWarnings("unchecked")
    List<String> problems(String logicalId, Map<String, Object> resource) {
        List<String> problems = new ArrayList<>();
        for (String attribute : resource.keySet()) {
            if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
                problems.add(logicalId + ": unknown resource attribute " + attribute);
            }
        }
        String type = String.valueOf(resource.get("Type"));
        if (type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")) {
            Object properties = resource.get("Properties");
            if (!(properties instanceof Map<?, ?> map) || !map.containsKey("ServiceToken")) {
                problems.add(logicalId + ": a custom resource needs a ServiceToken");
            }
            return problems;
        }
        JsonNode spec = resourceTypes.get(type);
        if (spec == null) {
            problems.add(logicalId + ": unknown resource type " + type);
            return problems;
        }
        Object properties = resource.getOrDefault("Properties", Map.of());
        if (!(properties instanceof Map)) {
            problems.add(logicalId + ".Properties: expected an object");
            return problems;
        }
        checkObject(logicalId + ".Properties", (Map<String, Object>) properties, spec.path("properties"),
                type, passThrough(type), problems);
        return problems;
    }

    private Map<String, JsonNode> passThrough(String type) {
        Map<String, JsonNode> extra = new HashMap<>();
        JsonNode target = resourceTypes.get(SAM_PASS_THROUGH_TARGET);
        for (String name : SAM_PASS_THROUGH.getOrDefault(type, Set.of())) {
            extra.put(name, target.path("properties").path(name));
        }
        SAM_COPIED_TO.getOrDefault(type, Map.of()).forEach((name, copiedTo) ->
                extra.put(name, resourceTypes.get(copiedTo.get(0)).path("properties").path(copiedTo.get(1))));
        return extra;
    }

    private void checkObject(String path, Map<String, Object> value, JsonNode properties, String typeName,
            Map<String, JsonNode> passThrough, List<String> problems) {
        for (Map.Entry<String, Object> entry : value.entrySet()) {
            JsonNode property = properties.get(entry.getKey());
            if (property == null) {
                property = passThrough.get(entry.getKey());
            }
            if (property == null) {
                problems.add(path + ": " + typeName + " has no property " + entry.getKey());
                continue;
            }
            checkValue(path + "." + entry.getKey(), entry.getValue(), property.path("type"), problems);
        }
        Set<String> optionalAfterAll = NOT_ACTUALLY_REQUIRED.getOrDefault(typeName, Set.of());
        properties.fields().forEachRemaining(property -> {
            if (property.getValue().path("required").asBoolean(false)
                    && !value.containsKey(property.getKey())
                    && !optionalAfterAll.contains(property.getKey())) {
                problems.add(path + ": required property " + property.getKey() + " of " + typeName + " is missing");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void checkValue(String path, Object value, JsonNode type, List<String> problems) {
        if (value instanceof Map<?, ?> map && isIntrinsic(map)) {
            Map.Entry<String, Object> function = ((Map<String, Object>) map).entrySet().iterator().next();
            if (function.getKey().equals("Fn::If") && function.getValue() instanceof List<?> arguments
                    && arguments.size() == 3) {
                for (int branch = 1; branch <= 2; branch++) {
                    Object chosen = arguments.get(branch);
                    if (!isNoValue(chosen)) {
                        checkValue(path + "(Fn::If branch " + branch + ")", chosen, type, problems);
                    }
                }
            }
            return; // any other function: its value is only known at deployment
        }
        String kind = type.path("type").asText();
        switch (kind) {
            case "string", "number", "integer", "boolean", "date-time" -> {
                if (value instanceof Map || value instanceof List) {
                    problems.add(path + ": expected a " + kind + ", got " + describe(value));
                } else if (type.has("allowedValues") && value instanceof String text
                        && !contains(type.path("allowedValues"), text)) {
                    problems.add(path + ": " + text + " is not one of " + type.path("allowedValues"));
                }
            }
            case "json" -> {
                // any JSON value (policy documents and the like)
            }
            case "array" -> {
                if (!(value instanceof List<?> list)) {
                    problems.add(path + ": expected a list, got " + describe(value));
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    checkValue(path + "[" + i + "]", list.get(i), type.path("element"), problems);
                }
            }
            case "map" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(path + ": expected a map, got " + describe(value));
                    return;
                }
                map.forEach((key, element) -> checkValue(path + "." + key, element, type.path("element"), problems));
            }
            case "tag" -> {
                if (!(value instanceof Map<?, ?> tag) || !tag.keySet().equals(Set.of("Key", "Value"))) {
                    problems.add(path + ": expected a tag {Key, Value}, got " + describe(value));
                }
            }
            case "ref" -> {
                JsonNode definition = propertyTypes.get(type.path("reference").path("$ref").asText());
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(path + ": expected a " + definition.path("name").asText() + " object, got "
                            + describe(value));
                    return;
                }
                checkObject(path, (Map<String, Object>) map, definition.path("properties"),
                        definition.path("name").asText(), Map.of(), problems);
            }
            case "union" -> {
                List<String> fewest = null;
                for (JsonNode alternative : type.path("types")) {
                    List<String> attempt = new ArrayList<>();
                    checkValue(path, value, alternative, attempt);
                    if (attempt.isEmpty()) {
                        return;
                    }
                    if (fewest == null || attempt.size() < fewest.size()) {
                        fewest = attempt;
                    }
                }
                problems.add(path + ": matches none of its " + type.path("types").size()
                        + " allowed shapes; the closest: " + fewest);
            }
            default -> problems.add(path + ": the specification has a type kind this check does not know: " + kind);
        }
    }

    static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    static boolean isNoValue(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1 && "AWS::NoValue".equals(map.get("Ref"));
    }

    private static boolean contains(JsonNode values, String text) {
        for (JsonNode value : values) {
            if (value.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Object value) {
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "the scalar " + value;
    }
}
