package io.github.twitterstats.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One account that produced no metrics in a run. {@code detail} is for the log line only (what X
 * said, for instance); the summary carries the account and the reason.
 */
public record AccountFailure(String account, FailureReason reason, String detail) {

    public AccountFailure {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }

    /** How a summary lists it: the account and the reason's wire name, in that order. */
    public Map<String, Object> summaryEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("account", account);
        entry.put("reason", reason.wireName());
        return entry;
    }

    public static AccountFailure of(Handle handle, FailureReason reason, String detail) {
        return new AccountFailure(handle.value(), reason, detail);
    }

    /** A failure of an account of any network, named as the summary names it ({@link AccountId#display()}). */
    public static AccountFailure of(AccountId account, FailureReason reason, String detail) {
        return new AccountFailure(account.display(), reason, detail);
    }

    /** The first non-blank detail of {@code failures}, "unknown" when none has one: what a failed run names first. */
    public static String firstDetail(List<AccountFailure> failures) {
        return failures.stream().map(AccountFailure::detail).filter(d -> !d.isBlank()).findFirst().orElse("unknown");
    }
}
