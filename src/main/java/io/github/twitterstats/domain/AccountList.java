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
 * The accounts a run tracks, parsed from the user's free-form list: entries separated by
 * {@code ;}, {@code ,} or white space. An entry is
 * <ul>
 *   <li>an X handle: {@code nasa}, {@code @nasa} or {@code x:nasa};</li>
 *   <li>a Bluesky account: any handle with a dot ({@code nasa.bsky.social}, {@code nasa.gov}), a DID
 *       ({@code did:plc:...}, {@code did:web:...}), or either after {@code bsky:};</li>
 *   <li>a Mastodon account: {@code user@instance}, {@code @user@instance} or {@code mastodon:user@instance}.</li>
 * </ul>
 * Each network validates its own entries; duplicates are removed per network, case-insensitively,
 * with the first spelling kept. Entries that are not valid do not stop the run: they become
 * {@code invalid_handle} failures whose detail says what a valid entry of that network looks like.
 */
public record AccountList(List<AccountId> accounts, List<AccountFailure> invalid) {

    private static final Pattern SEPARATORS = Pattern.compile("[;,\\s]+");

    public AccountList {
        accounts = List.copyOf(accounts);
        invalid = List.copyOf(invalid);
    }

    public static AccountList parse(String raw) {
        Set<AccountId> accounts = new LinkedHashSet<>();
        Map<String, AccountFailure> invalid = new LinkedHashMap<>();
        if (raw != null) {
            for (String token : SEPARATORS.split(raw.strip())) {
                if (token.isEmpty()) {
                    continue;
                }
                Entry entry = entry(token);
                if (entry.account() != null) {
                    accounts.add(entry.account());
                } else {
                    invalid.putIfAbsent(token.toLowerCase(Locale.ROOT),
                            new AccountFailure(token, FailureReason.INVALID_HANDLE, entry.validForm()));
                }
            }
        }
        return new AccountList(new ArrayList<>(accounts), new ArrayList<>(invalid.values()));
    }

    /** One entry read: the account, or (when invalid) what a valid entry of its network looks like. */
    private record Entry(AccountId account, String validForm) { }

    private static Entry entry(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.startsWith("x:")) {
            return x(dropAt(token.substring(2)));
        }
        if (lower.startsWith("bsky:")) {
            return bluesky(dropAt(token.substring(5)));
        }
        if (lower.startsWith("mastodon:")) {
            return mastodon(dropAt(token.substring(9)));
        }
        if (lower.startsWith("did:")) {
            return bluesky(token);
        }
        String name = dropAt(token);
        if (name.contains("@")) {
            return mastodon(name);
        }
        if (name.contains(".")) {
            return bluesky(name);
        }
        return x(name);
    }

    private static String dropAt(String s) {
        return s.startsWith("@") ? s.substring(1) : s;
    }

    private static Entry x(String name) {
        return Handle.isValid(name) ? new Entry(new AccountId.X(new Handle(name)), null)
                : new Entry(null, AccountId.X.VALID_FORM);
    }

    private static Entry bluesky(String actor) {
        return AccountId.Bluesky.isValid(actor) ? new Entry(new AccountId.Bluesky(actor), null)
                : new Entry(null, AccountId.Bluesky.VALID_FORM);
    }

    private static Entry mastodon(String acct) {
        AccountId.Mastodon account = AccountId.Mastodon.parse(acct);
        return account != null ? new Entry(account, null) : new Entry(null, AccountId.Mastodon.VALID_FORM);
    }

    /** The X handles, in the user's order (what the X lookup and the posts backup read). */
    public List<Handle> handles() {
        return of(AccountId.X.class).stream().map(AccountId.X::handle).toList();
    }

    public List<AccountId.Bluesky> bluesky() {
        return of(AccountId.Bluesky.class);
    }

    public List<AccountId.Mastodon> mastodon() {
        return of(AccountId.Mastodon.class);
    }

    private <A extends AccountId> List<A> of(Class<A> type) {
        return accounts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The list as far as X goes: its X accounts and every invalid entry (the posts backup, which is X's alone).
     * {@link #others()} are the accounts it leaves out.
     */
    public AccountList xOnly() {
        return new AccountList(List.copyOf(of(AccountId.X.class)), invalid);
    }

    /** The valid accounts of networks other than X, in the user's order. */
    public List<AccountId> others() {
        return accounts.stream().filter(a -> a.network() != Network.X).toList();
    }

    /** Every entry the user asked for, valid or not, on every network: the summary's {@code accounts_requested}. */
    public int requested() {
        return accounts.size() + invalid.size();
    }

    /** True when no entry of any network is valid. */
    public boolean isEmpty() {
        return accounts.isEmpty();
    }
}
