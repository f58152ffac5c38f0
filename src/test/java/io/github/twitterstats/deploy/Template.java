package io.github.twitterstats.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed CloudFormation template and the questions the deploy checks ask of it. */
final class Template {

    /** The templates of this project, relative to its root. */
    static final String PIPELINE = "cloudformation/twitter-stats.yaml";
    static final String FUNCTION = "samTemplate.yaml";
    static final List<String> ALL = List.of(PIPELINE, FUNCTION);

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    final String name;
    final Map<String, Object> root;

    private Template(String name, Map<String, Object> root) {
        this.name = name;
        this.root = root;
    }

    static Path projectDirectory() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    static Template load(String relativePath) {
        try {
            return new Template(relativePath, CloudFormationYaml.read(projectDirectory().resolve(relativePath)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Template parse(String name, String yaml) {
        return new Template(name, CloudFormationYaml.parse(yaml));
    }

    Map<String, Map<String, Object>> parameters() {
        return section("Parameters");
    }

    Map<String, Map<String, Object>> resources() {
        return section("Resources");
    }

    Map<String, Map<String, Object>> conditions() {
        return section("Conditions");
    }

    Map<String, Map<String, Object>> outputs() {
        return section("Outputs");
    }

    String type(String logicalId) {
        return (String) resources().get(logicalId).get("Type");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        Object properties = resources().get(logicalId).get("Properties");
        return properties == null ? Map.of() : (Map<String, Object>) properties;
    }

    /**
     * The policy documents a role holds: its inline policies and the customer managed policies of
     * this template attached to it (a Ref in its ManagedPolicyArns, or the role in their Roles).
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> policyDocumentsOf(String role) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object policy : (List<Object>) properties(role).getOrDefault("Policies", List.of())) {
            documents.add((Map<String, Object>) ((Map<String, Object>) policy).get("PolicyDocument"));
        }
        List<Object> attached = (List<Object>) properties(role).getOrDefault("ManagedPolicyArns", List.of());
        for (String policy : resourcesOfType("AWS::IAM::ManagedPolicy")) {
            List<Object> roles = (List<Object>) properties(policy).getOrDefault("Roles", List.of());
            if (attached.contains(Map.of("Ref", policy)) || roles.contains(Map.of("Ref", role))) {
                documents.add((Map<String, Object>) properties(policy).get("PolicyDocument"));
            }
        }
        return documents;
    }

    /** The statements of {@link #policyDocumentsOf}, a Fn::If left as it stands. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> policyStatementsOf(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> document : policyDocumentsOf(role)) {
            statements.addAll((List<Map<String, Object>>) document.get("Statement"));
        }
        return statements;
    }

    List<String> resourcesOfType(String type) {
        return resources().keySet().stream().filter(id -> type.equals(type(id))).toList();
    }

    @SuppressWarnings("unchecked")
    private <V> Map<String, V> section(String key) {
        Object section = root.get(key);
        return section == null ? Map.of() : (Map<String, V>) section;
    }

    /** One use of a name: a Ref, a GetAtt, a ${} in a Sub, or a condition, and where it stands. */
    record Reference(String path, String kind, String target, String attribute) {
        @Override
        public String toString() {
            return kind + " " + target + (attribute == null ? "" : "." + attribute) + " at " + path;
        }
    }

    /** Every Ref, GetAtt, Sub variable and condition name used anywhere in the template. */
    List<Reference> references() {
        List<Reference> found = new ArrayList<>();
        collect(root, "", found);
        resources().forEach((id, resource) -> {
            if (resource.get("Condition") instanceof String condition) {
                found.add(new Reference("Resources." + id + ".Condition", "Condition", condition, null));
            }
        });
        outputs().forEach((id, output) -> {
            if (output.get("Condition") instanceof String condition) {
                found.add(new Reference("Outputs." + id + ".Condition", "Condition", condition, null));
            }
        });
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, String path, List<Reference> found) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        if (map.size() == 1) {
            Map.Entry<String, Object> only = ((Map<String, Object>) map).entrySet().iterator().next();
            String key = only.getKey();
            Object value = only.getValue();
            switch (key) {
                case "Ref" -> found.add(new Reference(path, "Ref", String.valueOf(value), null));
                case "Fn::GetAtt" -> {
                    List<Object> parts = (List<Object>) value;
                    found.add(new Reference(path, "GetAtt", String.valueOf(parts.get(0)),
                            parts.get(1) instanceof String attribute ? attribute : null));
                }
                case "Fn::Sub" -> {
                    collectSub(value, path, found);
                    return;
                }
                case "Fn::If" -> {
                    List<Object> arguments = (List<Object>) value;
                    found.add(new Reference(path, "Condition", String.valueOf(arguments.get(0)), null));
                    collect(arguments.subList(1, arguments.size()), path + ".Fn::If", found);
                    return;
                }
                case "Condition" -> {
                    if (path.startsWith("Conditions.") || path.startsWith("Rules.")) {
                        found.add(new Reference(path, "Condition", String.valueOf(value), null));
                        return;
                    }
                }
                default -> {
                }
            }
        }
        ((Map<String, Object>) map).forEach((key, value) ->
                collect(value, path.isEmpty() ? key : path + "." + key, found));
    }

    @SuppressWarnings("unchecked")
    private static void collectSub(Object value, String path, List<Reference> found) {
        String text;
        Set<String> locals = Set.of();
        if (value instanceof List<?> form) {
            text = (String) form.get(0);
            Map<String, Object> variables = (Map<String, Object>) form.get(1);
            locals = variables.keySet();
            collect(variables, path + ".Fn::Sub", found);
        } else {
            text = (String) value;
        }
        for (String variable : subVariables(text)) {
            if (locals.contains(variable)) {
                continue;
            }
            int dot = variable.indexOf('.');
            if (dot > 0 && !variable.startsWith("AWS::")) {
                found.add(new Reference(path, "GetAtt", variable.substring(0, dot), variable.substring(dot + 1)));
            } else {
                found.add(new Reference(path, "Ref", variable, null));
            }
        }
    }

    /** The ${Name} and ${Name.Attribute} variables of a Fn::Sub string; ${!Literal} is not one. */
    static Set<String> subVariables(String text) {
        Set<String> variables = new TreeSet<>();
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
            String variable = matcher.group(1).trim();
            if (!variable.startsWith("!")) {
                variables.add(variable);
            }
        }
        return variables;
    }

    /** {@code {Ref: AWS::NoValue}}: the property or list item is left out. */
    static boolean isNoValue(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1 && "AWS::NoValue".equals(map.get("Ref"));
    }

    @Override
    public String toString() {
        return name;
    }
}
