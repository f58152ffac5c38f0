package io.github.twitterstats.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of backing up one day for a set of accounts, as the CLI prints it with
 * {@code --json} and a worker logs it. An account is ok when its day is in the archive or it
 * published nothing that day; the latter are named in {@code accountsWithoutPosts}, so "nothing
 * written" is never silent.
 */
public record BackupSummary(LocalDate day, int accountsRequested, int accountsOk, int accountsFailed,
                            List<AccountFailure> failures, List<String> accountsWithoutPosts,
                            int postsStored, int pagesRead, int objectsWritten, int xRequests, long durationMs) {

    public BackupSummary {
        Objects.requireNonNull(day, "day");
        failures = List.copyOf(failures);
        accountsWithoutPosts = List.copyOf(accountsWithoutPosts);
    }

    /**
     * Adds up the per-account outcomes. {@code earlyFailures} are the accounts that never reached
     * a timeline read (invalid handles, unknown or suspended users); {@code idRequests} the X
     * requests spent resolving ids.
     */
    public static BackupSummary of(LocalDate day, int accountsRequested, List<AccountFailure> earlyFailures,
                                   List<AccountBackup> outcomes, int idRequests, long durationMs) {
        List<AccountFailure> failures = new ArrayList<>(earlyFailures);
        List<String> withoutPosts = new ArrayList<>();
        int ok = 0;
        int posts = 0;
        int pages = 0;
        int objects = 0;
        int xRequests = idRequests;
        for (AccountBackup outcome : outcomes) {
            pages += outcome.pages();
            xRequests += outcome.xRequests();
            // Java 17: no pattern switch yet; the interface is sealed, so these three are all there is
            if (outcome instanceof AccountBackup.Archived a) {
                ok++;
                posts += a.posts();
                objects++;
            } else if (outcome instanceof AccountBackup.NoPosts n) {
                ok++;
                withoutPosts.add(n.handle().canonical());
            } else if (outcome instanceof AccountBackup.Failed f) {
                failures.add(f.failure());
            }
        }
        return new BackupSummary(day, accountsRequested, ok, failures.size(), failures, withoutPosts,
                posts, pages, objects, xRequests, durationMs);
    }

    public boolean allAccountsDone() {
        return accountsFailed == 0;
    }

    /** Snake-case field names in a fixed order, like the metrics summary, ready for any JSON writer. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("date", day.toString());
        map.put("accounts_requested", accountsRequested);
        map.put("accounts_ok", accountsOk);
        map.put("accounts_failed", accountsFailed);
        map.put("failures", failures.stream().map(AccountFailure::summaryEntry).toList());
        map.put("accounts_without_posts", accountsWithoutPosts);
        map.put("posts_stored", postsStored);
        map.put("pages_read", pagesRead);
        map.put("objects_written", objectsWritten);
        map.put("x_requests", xRequests);
        map.put("duration_ms", durationMs);
        return map;
    }

}
