package io.github.twitterstats.adapter.out.local;

import io.github.twitterstats.domain.ArchiveLayout;
import io.github.twitterstats.domain.Handle;
import io.github.twitterstats.domain.Post;
import io.github.twitterstats.domain.PostLines;
import io.github.twitterstats.domain.RunFailedException;
import io.github.twitterstats.port.PostArchive;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The archive in a local directory, in the same layout as the bucket, so a local backup can be
 * uploaded as is (for example {@code aws s3 sync backup s3://bucket}). Each file is written next to
 * its place and moved over it, so an interrupted run never leaves half a day behind.
 */
public final class LocalDirectoryPostArchive implements PostArchive {

    private final Path root;

    public LocalDirectoryPostArchive(Path root) {
        this.root = Objects.requireNonNull(root);
    }

    @Override
    public String store(Handle handle, LocalDate day, List<Post> posts) {
        Path target = root.resolve(ArchiveLayout.relativeKey(handle, day));
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".partial-", ".tmp");
            try {
                Files.write(partial, PostLines.gzip(posts));
                move(partial, target);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + target + ": " + e.getMessage()
                    + " (check --out and that the directory is writable)", e);
        }
        return target.toString();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
