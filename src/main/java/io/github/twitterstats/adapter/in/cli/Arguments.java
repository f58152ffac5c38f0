package io.github.twitterstats.adapter.in.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one tokenizer of every command's options: {@code --name value} or {@code --name=value} for an option that
 * takes a value, {@code --flag} for one that does not, {@code -h} for {@code --help}. Anything else is a usage
 * error; a value may not look like an option.
 */
record Arguments(Map<String, String> values, Set<String> flags) {

    static Arguments parse(List<String> args, Set<String> valued, Set<String> flagNames, String command) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inline = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inline = arg.substring(equals + 1);
            }
            if ("-h".equals(name)) {
                name = "--help";
            }
            if (valued.contains(name)) {
                if (inline == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(name + " needs a value");
                    }
                    inline = args.get(++i);
                }
                values.put(name, inline);
            } else if ((flagNames.contains(name) || "--help".equals(name)) && inline == null) {
                flags.add(name);
            } else {
                throw new UsageException("unknown option '" + arg + "'" + (command.isEmpty() ? "" : " for " + command));
            }
        }
        return new Arguments(Map.copyOf(values), Set.copyOf(flags));
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    boolean help() {
        return has("--help");
    }
}
