package io.github.twitterstats.port;

import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Post;
import java.time.LocalDate;
import java.util.List;

/** Where posts are kept (an S3 bucket, a local directory), in the layout of {@link io.github.twitterstats.domain.ArchiveLayout}. */
public interface PostArchive {

    /**
     * Stores the account's posts of {@code day} as one object that replaces any earlier one, so
     * running a day twice never duplicates a post. Returns where they went (for logs and the
     * summary). Throws {@link io.github.twitterstats.domain.RunFailedException} when the archive
     * cannot be written after bounded retries.
     */
    String store(Handle handle, LocalDate day, List<Post> posts);
}
