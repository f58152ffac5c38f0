package io.github.twitterstats.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Where one account's day lives in the archive, the same in S3 and in a local directory:
 * {@code posts/account=<handle>/year=YYYY/month=MM/day=DD/<handle>-YYYY-MM-DD.jsonl.gz}.
 * Hive-style partitions let Athena or Spark prune by account and date; one deterministic object
 * per account and day makes a re-run replace the day instead of adding to it; the file name
 * repeats handle and date so a downloaded file still says what it is.
 */
public final class ArchiveLayout {

    private ArchiveLayout() {
    }

    public static String relativeKey(Handle handle, LocalDate day) {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(day, "day");
        String account = handle.canonical();
        return "posts/account=" + account
                + "/year=" + String.format("%04d", day.getYear())
                + "/month=" + String.format("%02d", day.getMonthValue())
                + "/day=" + String.format("%02d", day.getDayOfMonth())
                + "/" + account + "-" + day + ".jsonl.gz";
    }

    /** The key under a user-chosen prefix ("" or e.g. "archive/"), never with a doubled slash. */
    public static String key(String prefix, Handle handle, LocalDate day) {
        String p = prefix == null ? "" : prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (!p.isEmpty() && !p.endsWith("/")) {
            p = p + "/";
        }
        return p + relativeKey(handle, day);
    }
}
