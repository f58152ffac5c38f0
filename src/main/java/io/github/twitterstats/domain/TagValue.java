package io.github.twitterstats.domain;

import java.util.Locale;

/**
 * A tag value the way DataDog stores it (docs.datadoghq.com/getting_started/tagging: tags are
 * lower-cased, and characters other than letters, digits, underscores, minuses, colons, periods and
 * slashes are converted to underscores). Sending values already in that form keeps what a user
 * sees in DataDog equal to what this program logs and prints.
 */
public final class TagValue {

    private TagValue() {
    }

    /** {@code @Alice@Mastodon.Social} becomes {@code _alice_mastodon.social}. */
    public static String normalise(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        lower.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '.' || c == '/') {
                out.appendCodePoint(c);
            } else {
                out.append('_');
            }
        });
        return out.toString();
    }
}
