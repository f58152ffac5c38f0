package io.github.twitterstats.testing;

import io.github.twitterstats.domain.AccountFailure;
import io.github.twitterstats.domain.AccountIds;
import io.github.twitterstats.domain.ArchiveLayout;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.FailureReason;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.PostFetch;
import io.github.twitterstats.domain.PostLines;
import io.github.twitterstats.domain.ResolvedAccount;
import io.github.twitterstats.port.AccountDirectory;
import io.github.twitterstats.port.BackupQueue;
import io.github.twitterstats.port.PostArchive;
import io.github.twitterstats.port.PostSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain in-memory stand-ins for the backup ports, for testing the use cases alone. */
public final class InMemoryBackupPorts {

    private InMemoryBackupPorts() {
    }

    /** Knows some accounts; the rest are not found, the suspended ones say so. 100 handles a request, like X. */
    public static final class Directory implements AccountDirectory {
        private final Map<String, String> ids = new HashMap<>();
        private final List<String> suspended = new ArrayList<>();
        private boolean down;
        public int requests;

        /** Every request fails after its retries, as when X cannot be reached. */
        public Directory down() {
            down = true;
            return this;
        }

        public Directory know(String handle, String id) {
            ids.put(handle.toLowerCase(), id);
            return this;
        }

        public Directory suspend(String handle) {
            suspended.add(handle.toLowerCase());
            return this;
        }

        @Override
        public AccountIds resolve(List<Handle> handles, Deadline deadline) {
            int calls = (handles.size() + 99) / 100;
            requests += calls;
            List<ResolvedAccount> found = new ArrayList<>();
            List<AccountFailure> failures = new ArrayList<>();
            if (down) {
                handles.forEach(h -> failures.add(AccountFailure.of(h, FailureReason.X_ERROR, "X is down")));
                return new AccountIds(found, failures, calls, calls);
            }
            for (Handle handle : handles) {
                if (suspended.contains(handle.canonical())) {
                    failures.add(AccountFailure.of(handle, FailureReason.SUSPENDED, "User has been suspended"));
                } else if (ids.containsKey(handle.canonical())) {
                    found.add(new ResolvedAccount(handle, ids.get(handle.canonical())));
                } else {
                    failures.add(AccountFailure.of(handle, FailureReason.NOT_FOUND, "Could not find user"));
                }
            }
            return new AccountIds(found, failures, calls, 0);
        }
    }

    /** Serves posts per user id in pages of {@code pageSize}; some users fail. */
    public static final class Timelines implements PostSource {
        private final Map<String, List<Post>> posts = new HashMap<>();
        private final Map<String, FailureReason> failing = new HashMap<>();
        private final int pageSize;
        public final List<String> asked = new ArrayList<>();

        public Timelines(int pageSize) {
            this.pageSize = pageSize;
        }

        public Timelines serve(String userId, List<Post> day) {
            posts.put(userId, day);
            return this;
        }

        public Timelines fail(String userId, FailureReason reason) {
            failing.put(userId, reason);
            return this;
        }

        @Override
        public PostFetch postsOf(ResolvedAccount account, LocalDate day, Deadline deadline) {
            asked.add(account.userId());
            if (failing.containsKey(account.userId())) {
                return new PostFetch.Failed(AccountFailure.of(account.handle(), failing.get(account.userId()),
                        "scripted failure"), 0, 1);
            }
            List<Post> day0 = posts.getOrDefault(account.userId(), List.of());
            int pages = Math.max(1, (day0.size() + pageSize - 1) / pageSize);
            return new PostFetch.Complete(day0, pages, pages);
        }
    }

    /** Keeps objects by key, bytes exactly as an archive would write them. */
    public static final class Archive implements PostArchive {
        public final Map<String, byte[]> objects = new LinkedHashMap<>();
        public int writes;

        @Override
        public String store(Handle handle, LocalDate day, List<Post> posts) {
            writes++;
            String key = ArchiveLayout.relativeKey(handle, day);
            objects.put(key, PostLines.gzip(posts));
            return "memory:" + key;
        }
    }

    /** Records jobs, counting requests as SQS would (10 a batch). */
    public static final class Queue implements BackupQueue {
        public final List<BackupJob> jobs = new ArrayList<>();

        @Override
        public int enqueue(List<BackupJob> batch) {
            jobs.addAll(batch);
            return (batch.size() + 9) / 10;
        }
    }
}
