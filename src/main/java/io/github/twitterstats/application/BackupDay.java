package io.github.twitterstats.application;

import io.github.twitterstats.domain.AccountBackup;
import io.github.twitterstats.domain.BackupJob;
import io.github.twitterstats.domain.Deadline;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.PostFetch;
import io.github.twitterstats.domain.PostLines;
import io.github.twitterstats.port.PostArchive;
import io.github.twitterstats.port.PostSource;
import java.util.List;
import java.util.Objects;

/**
 * Backs up one account's day: read every post of the day, then store them as one object. A day
 * that could not be read completely stores nothing, so an incomplete read never replaces a
 * complete archive; a day without posts writes nothing either.
 */
public final class BackupDay {

    private final PostSource source;
    private final PostArchive archive;

    public BackupDay(PostSource source, PostArchive archive) {
        this.source = Objects.requireNonNull(source);
        this.archive = Objects.requireNonNull(archive);
    }

    /** Archive failures propagate: they concern the target, not the account, and a retry may cure them. */
    public AccountBackup run(BackupJob job, Deadline deadline) {
        PostFetch fetch = source.postsOf(job.account(), job.day(), deadline);
        if (fetch instanceof PostFetch.Failed failed) {
            return new AccountBackup.Failed(job.handle(), job.day(), failed.failure(), failed.retryable(),
                    failed.pages(), failed.requests());
        }
        List<Post> posts = PostLines.distinctChronological(((PostFetch.Complete) fetch).posts());
        if (posts.isEmpty()) {
            return new AccountBackup.NoPosts(job.handle(), job.day(), fetch.pages(), fetch.requests());
        }
        String location = archive.store(job.handle(), job.day(), posts);
        return new AccountBackup.Archived(job.handle(), job.day(), posts.size(), fetch.pages(), fetch.requests(),
                location);
    }
}
