package io.github.twitterstats.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An X account's user name as the user typed it (first spelling wins), already validated.
 * Equality is case-insensitive because X treats user names that way.
 */
public record Handle(String value) {

    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9_]{1,15}$");

    public Handle {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a valid X handle: " + value);
        }
    }

    public static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }

    /** The lower-case form used for the {@code account:} tag and for matching X's answers. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Handle that && canonical().equals(that.canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
