package io.github.twitterstats.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One account of one network, already validated, as the user spelled it (first spelling wins).
 * Equality is case-insensitive within a network, which is how the three networks compare names.
 */
public sealed interface AccountId {

    Network network();

    /** How the summary, the logs and the table name the account. */
    String display();

    /** The {@code account:} tag value, as DataDog stores it ({@link TagValue#normalise}). */
    default String tagValue() {
        return TagValue.normalise(display());
    }

    /** An X account: today's {@link Handle} rules. */
    record X(Handle handle) implements AccountId {

        public static final String VALID_FORM = "an X handle is 1 to 15 letters, digits or underscores";

        public X {
            Objects.requireNonNull(handle, "handle");
        }

        @Override
        public Network network() {
            return Network.X;
        }

        @Override
        public String display() {
            return handle.value();
        }

        @Override
        public String tagValue() {
            return handle.canonical();
        }

        @Override
        public String toString() {
            return handle.value();
        }

        // Written out (they are what the record would generate) so that putting the list's accounts in a set does not
        // bootstrap the records' generated methods, ~10 ms of method-handle set-up, before a cold run's first request.
        @Override
        public boolean equals(Object other) {
            return other instanceof X that && handle.equals(that.handle);
        }

        @Override
        public int hashCode() {
            return handle.hashCode();
        }
    }

    /**
     * A Bluesky account: a handle (atproto.com/specs/handle) or a DID (atproto.com/specs/did), the
     * {@code actor} that {@code app.bsky.actor.getProfiles} takes.
     */
    record Bluesky(String actor) implements AccountId {

        public static final String VALID_FORM = "a Bluesky account is a handle such as nasa.bsky.social "
                + "(dot-separated parts of letters, digits and hyphens, the last part starting with a letter) "
                + "or a DID: did:plc: and 24 characters a-z or 2-7, or did:web: and a domain";

        /** atproto handle syntax: at least two labels, each 1-63 of letters, digits, inner hyphens; the TLD starts with a letter. */
        private static final Pattern HANDLE = Pattern.compile(
                "^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");
        private static final int HANDLE_MAX = 253;
        /** Top-level domains the handle spec disallows (they never resolve publicly). */
        private static final Set<String> DISALLOWED_TLDS = Set.of(
                "alt", "arpa", "example", "internal", "invalid", "local", "localhost", "onion");
        /** did-method-plc: 24 characters of lower-case base32. */
        private static final Pattern DID_PLC = Pattern.compile("^did:plc:[a-z2-7]{24}$");

        public Bluesky {
            Objects.requireNonNull(actor, "actor");
            if (!isValid(actor)) {
                throw new IllegalArgumentException("not a valid Bluesky handle or DID: " + actor);
            }
        }

        public static boolean isValid(String candidate) {
            return candidate != null && (isValidHandle(candidate) || isValidDid(candidate));
        }

        public static boolean isValidHandle(String candidate) {
            if (candidate.length() > HANDLE_MAX || !HANDLE.matcher(candidate).matches()) {
                return false;
            }
            String tld = candidate.substring(candidate.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return !DISALLOWED_TLDS.contains(tld);
        }

        /** The two DID methods atproto blesses: did:plc, and hostname-level did:web. */
        public static boolean isValidDid(String candidate) {
            if (DID_PLC.matcher(candidate).matches()) {
                return true;
            }
            return candidate.startsWith("did:web:") && isValidHandle(candidate.substring("did:web:".length()));
        }

        public boolean isDid() {
            return actor.startsWith("did:");
        }

        @Override
        public Network network() {
            return Network.BLUESKY;
        }

        @Override
        public String display() {
            return actor;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bluesky that && actor.equalsIgnoreCase(that.actor);
        }

        @Override
        public int hashCode() {
            return actor.toLowerCase(Locale.ROOT).hashCode();
        }

        @Override
        public String toString() {
            return actor;
        }
    }

    /**
     * A Mastodon account: {@code username@instance}, read from its home server. Usernames are
     * letters, digits and underscores (Mastodon's rule for local accounts; other fediverse servers
     * also use {@code .} and {@code -} inside a name, which Mastodon accepts for remote accounts); the
     * instance is a host name.
     */
    record Mastodon(String username, String instance) implements AccountId {

        public static final String VALID_FORM = "a Mastodon account is user@instance, such as alice@mastodon.social: "
                + "the user is letters, digits and underscores (with . or - inside), the instance a domain name";

        private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9_]+([A-Za-z0-9_.-]*[A-Za-z0-9_])?$");
        private static final Pattern HOST = Pattern.compile(
                "^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");
        private static final int HOST_MAX = 253;

        public Mastodon {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(instance, "instance");
            if (!isValidUsername(username) || !isValidInstance(instance)) {
                throw new IllegalArgumentException("not a valid Mastodon account: " + username + "@" + instance);
            }
        }

        /** {@code user@instance}, or null when {@code candidate} is not exactly that. */
        public static Mastodon parse(String candidate) {
            int at = candidate.indexOf('@');
            if (at < 0 || at != candidate.lastIndexOf('@')) {
                return null;
            }
            String user = candidate.substring(0, at);
            String host = candidate.substring(at + 1);
            return isValidUsername(user) && isValidInstance(host) ? new Mastodon(user, host) : null;
        }

        public static boolean isValidUsername(String candidate) {
            return candidate != null && USERNAME.matcher(candidate).matches();
        }

        public static boolean isValidInstance(String candidate) {
            return candidate != null && candidate.length() <= HOST_MAX && HOST.matcher(candidate).matches();
        }

        /** The WebFinger address without the leading {@code @}: {@code user@instance}. */
        public String acct() {
            return username + "@" + instance;
        }

        /** The instance in lower case: the key requests to one server are grouped by. */
        public String server() {
            return instance.toLowerCase(Locale.ROOT);
        }

        @Override
        public Network network() {
            return Network.MASTODON;
        }

        @Override
        public String display() {
            return acct();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Mastodon that && acct().equalsIgnoreCase(that.acct());
        }

        @Override
        public int hashCode() {
            return acct().toLowerCase(Locale.ROOT).hashCode();
        }

        @Override
        public String toString() {
            return acct();
        }
    }
}
