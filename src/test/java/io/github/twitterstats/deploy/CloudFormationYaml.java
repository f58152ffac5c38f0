package io.github.twitterstats.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation (or SAM) YAML template into plain maps, lists and scalars, turning every
 * short-form intrinsic function ({@code !Ref x}, {@code !GetAtt a.b}, {@code !Sub ...}) into its
 * long form ({@code {Ref: x}}, {@code {Fn::GetAtt: [a, b]}}, {@code {Fn::Sub: ...}}), as
 * CloudFormation itself does. An unknown tag or a duplicate key is an error, as it is there.
 */
final class CloudFormationYaml {

    /** The short-form tags CloudFormation accepts, with the long-form key each stands for. */
    static final Map<String, String> SHORT_FORMS = shortForms();

    private CloudFormationYaml() {
    }

    static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return asTemplate(yaml().load(reader), file.toString());
        }
    }

    /** Like {@link #read}, for the checks that need no checked exception. */
    static Map<String, Object> parseFile(Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, Object> parse(String text) {
        return asTemplate(yaml().load(text), "<text>");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asTemplate(Object document, String name) {
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException(name + " is not a YAML mapping");
        }
        return (Map<String, Object>) document;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new IntrinsicFunctionConstructor(options));
    }

    private static Map<String, String> shortForms() {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("!Ref", "Ref");
        forms.put("!Condition", "Condition");
        for (String function : List.of("GetAtt", "Sub", "If", "Equals", "Not", "And", "Or", "Join",
                "Select", "Split", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue",
                "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll",
                "Length", "ToJsonString")) {
            forms.put("!" + function, "Fn::" + function);
        }
        return Map.copyOf(forms);
    }

    private static final class IntrinsicFunctionConstructor extends SafeConstructor {

        IntrinsicFunctionConstructor(LoaderOptions options) {
            super(options);
            SHORT_FORMS.forEach((tag, longForm) -> yamlConstructors.put(new Tag(tag), new LongForm(longForm)));
        }

        /** Builds the tagged node as the plain value it is, then wraps it in its long form. */
        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                if (key.equals("Fn::GetAtt") && value instanceof String dotted) {
                    // !GetAtt Resource.Attribute (the attribute may itself contain dots)
                    String[] parts = dotted.split("\\.", 2);
                    value = Arrays.asList(parts);
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(key, value);
                return function;
            }
        }
    }
}
