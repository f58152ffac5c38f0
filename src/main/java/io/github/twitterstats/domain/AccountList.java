package io.github.twitterstats.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The accounts a run tracks, parsed from the user's free-form list: handles separated by
 * {@code ;}, {@code ,} or white space, a leading {@code @} dropped, duplicates removed
 * case-insensitively with the first spelling kept. Entries that are not valid handles do not stop
 * the run: they become {@code invalid_handle} failures.
 */
public record AccountList(List<Handle> handles, List<AccountFailure> invalid) {

    private static final Pattern SEPARATORS = Pattern.compile("[;,\\s]+");

    public AccountList {
        handles = List.copyOf(handles);
        invalid = List.copyOf(invalid);
    }

    public static AccountList parse(String raw) {
        Set<Handle> handles = new LinkedHashSet<>();
        Map<String, AccountFailure> invalid = new LinkedHashMap<>();
        if (raw != null) {
            for (String token : SEPARATORS.split(raw.strip())) {
                if (token.isEmpty()) {
                    continue;
                }
                String name = token.startsWith("@") ? token.substring(1) : token;
                if (Handle.isValid(name)) {
                    handles.add(new Handle(name));
                } else {
                    invalid.putIfAbsent(token.toLowerCase(Locale.ROOT), new AccountFailure(token,
                            FailureReason.INVALID_HANDLE,
                            "an X handle is 1 to 15 letters, digits or underscores"));
                }
            }
        }
        return new AccountList(new ArrayList<>(handles), new ArrayList<>(invalid.values()));
    }

    /** Every entry the user asked for, valid or not: the summary's {@code accounts_requested}. */
    public int requested() {
        return handles.size() + invalid.size();
    }

    public boolean isEmpty() {
        return handles.isEmpty();
    }
}
