package io.github.twitterstats.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The extreme values a template parameter admits: every AllowedValues value; for a number its
 * MinValue and its MaxValue (or, unbounded, the largest 32-bit integer: every AWS API the
 * project's numbers reach takes an int); for a string the empty string if admitted and, for each
 * of a set of shapes (made of one kind of character: lower case, upper case, digits, {@code _},
 * {@code -}, {@code .}; starting with one kind and going on in lower case; the parameter's default
 * and examples, lengthened), the LONGEST value of that shape the parameter's AllowedPattern,
 * MinLength and MaxLength admit. A string with no bound reaches CloudFormation's
 * own limit, 4,096 bytes a parameter value (CloudFormation User Guide, "CloudFormation quotas":
 * "Parameter value: 4,096 bytes").
 */
final class AdmittedValues {

    static final int PARAMETER_VALUE_BYTES = 4096;
    static final String UNBOUNDED_NUMBER = String.valueOf(Integer.MAX_VALUE);

    /** A probe: a fixed start and end, with filler characters between them. */
    record Shape(String prefix, String suffix) {
        static Shape startingWith(String prefix) {
            return new Shape(prefix, "");
        }
    }

    /** Shapes filled with lower-case letters: a value that starts with each kind of character. */
    private static final List<Shape> GENERIC_SHAPES = List.of(Shape.startingWith(""), Shape.startingWith("A"),
            Shape.startingWith("1"), Shape.startingWith("_"), Shape.startingWith("-"), Shape.startingWith("a."),
            Shape.startingWith("a_"), Shape.startingWith("a-"));
    /** Fillers of the empty shape and of the examples: a value made of one kind of character. */
    private static final List<String> FILLERS = List.of("a", "A", "1", "_", "-", ".");

    private AdmittedValues() {
    }

    /** The extreme values of a parameter, longest first. */
    static List<String> of(Map<String, Object> parameter, List<Shape> examples) {
        Constraints constraints = new Constraints(parameter);
        Set<String> values = new LinkedHashSet<>();
        if (parameter.get("AllowedValues") instanceof List<?> allowed) {
            allowed.forEach(value -> values.add(String.valueOf(value)));
        } else if ("Number".equals(parameter.get("Type"))) {
            Object min = parameter.get("MinValue");
            Object max = parameter.get("MaxValue");
            if (min != null) {
                values.add(number(min));
            }
            values.add(max == null ? UNBOUNDED_NUMBER : number(max));
        } else {
            if (constraints.admit("")) {
                values.add("");
            }
            int limit = parameter.get("MaxLength") instanceof Number max
                    ? Math.min(max.intValue(), PARAMETER_VALUE_BYTES) : PARAMETER_VALUE_BYTES;
            List<Shape> shapes = new ArrayList<>(examples);
            Object given = parameter.get("Default");
            if (given != null && !String.valueOf(given).isEmpty()) {
                shapes.add(Shape.startingWith(String.valueOf(given)));
            }
            shapes.add(Shape.startingWith(""));
            List<String> probes = new ArrayList<>();
            for (Shape shape : shapes) {
                for (String filler : FILLERS) {
                    probes.add(longest(constraints, shape, filler, limit));
                }
            }
            for (Shape shape : GENERIC_SHAPES) {
                probes.add(longest(constraints, shape, "a", limit));
            }
            probes.stream().filter(java.util.Objects::nonNull).forEach(values::add);
        }
        List<String> sorted = new ArrayList<>(values);
        sorted.removeIf(value -> !constraints.admit(value));
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no probe found a value the parameter admits: " + parameter
                    + " (give an example shape)");
        }
        return List.copyOf(sorted);
    }

    private static String longest(Constraints constraints, Shape shape, String filler, int limit) {
        int fixed = shape.prefix().length() + shape.suffix().length();
        for (int length = limit; length >= Math.max(fixed, 1); length--) {
            String candidate = shape.prefix() + filler.repeat(length - fixed) + shape.suffix();
            if (constraints.admit(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Whether CloudFormation accepts the value for the parameter: AllowedValues, AllowedPattern
     * (matched against the whole value), MinLength and MaxLength, MinValue and MaxValue.
     */
    static boolean admits(Map<String, Object> parameter, String value) {
        return new Constraints(parameter).admit(value);
    }

    /** A parameter's constraints, its pattern compiled once. */
    private static final class Constraints {
        private final Map<String, Object> parameter;
        private final Pattern pattern;

        Constraints(Map<String, Object> parameter) {
            this.parameter = parameter;
            this.pattern = parameter.get("AllowedPattern") instanceof String given ? Pattern.compile(given) : null;
        }

        boolean admit(String value) {
            if (parameter.get("AllowedValues") instanceof List<?> allowed
                    && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
                return false;
            }
            if ("Number".equals(parameter.get("Type"))) {
                double number;
                try {
                    number = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return false;
                }
                return !(parameter.get("MinValue") instanceof Number min && number < min.doubleValue())
                        && !(parameter.get("MaxValue") instanceof Number max && number > max.doubleValue());
            }
            if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PARAMETER_VALUE_BYTES) {
                return false;
            }
            if (pattern != null && !pattern.matcher(value).matches()) {
                return false;
            }
            return !(parameter.get("MinLength") instanceof Number min && value.length() < min.intValue())
                    && !(parameter.get("MaxLength") instanceof Number max && value.length() > max.intValue());
        }
    }

    private static String number(Object value) {
        return value instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(value);
    }
}
