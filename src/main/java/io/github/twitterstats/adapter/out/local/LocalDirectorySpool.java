package io.github.twitterstats.adapter.out.local;

import io.github.twitterstats.adapter.out.format.NamedBatchSpool;
import io.github.twitterstats.adapter.out.format.SpoolFormat;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.port.RunLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line's spool: one JSON file per batch in a directory (default
 * {@code ~/.twitter-stats/spool}), named by its {@link SpoolFormat#newId identifier} so a sorted
 * listing is oldest first.
 *
 * <p>Every write goes to a hidden temporary file, is forced to disk, and is then renamed over the
 * batch's name in one atomic step (POSIX rename): a process killed at any moment leaves either the
 * old batch or the new one, never a partial file. A leftover temporary file is ignored by
 * {@link #pending()} and cleaned up by it once it is old enough not to belong to a live writer.
 */
public final class LocalDirectorySpool extends NamedBatchSpool {

    private static final String TEMP_PREFIX = ".";
    private static final String TEMP_SUFFIX = ".tmp";
    /** A temporary file older than this belongs to a process that died mid-write. */
    private static final long ABANDONED_AFTER_MILLIS = 10 * 60 * 1000;

    private final Path directory;

    public LocalDirectorySpool(Path directory, Clock clock, RunLog log) {
        super(clock, log, "file");
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    }

    /** {@code ~/.twitter-stats/spool}: the user's own, so two users of one machine never share samples. */

    @Override
    protected List<String> storedIds() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
                    removeIfAbandoned(entry);
                } else if (name.endsWith(SpoolFormat.SUFFIX) && SpoolFormat.isId(idOf(name))) {
                    ids.add(idOf(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the spool directory " + directory, e);
        }
        return ids;
    }

    @Override
    protected Optional<byte[]> load(String id) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(fileOf(id)));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
    }

    @Override
    protected void delete(String id) {
        try {
            Files.deleteIfExists(fileOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + fileOf(id), e);
        }
    }

    @Override
    protected String locate(String id) {
        return fileOf(id).toString();
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    @Override
    protected void store(String id, List<Gauge> gauges) {
        SpoolFormat.requireId(id);
        Path target = fileOf(id);
        Path temp = directory.resolve(TEMP_PREFIX + id + SpoolFormat.SUFFIX + TEMP_SUFFIX);
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                SpoolFormat.write(gauges, Channels.newOutputStream(channel));   // streamed: no copy of the batch in memory
                channel.force(true); // the bytes are on disk before the name points at them
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the spool directory's file system cannot rename atomically", e);
            }
            forceDirectory();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next pending() cleans it up
            }
            throw new UncheckedIOException("cannot write the spool file " + target, e);
        }
    }

    /** Makes the rename itself durable (Linux, macOS); where a directory cannot be opened, the rename still stands. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a directory as a channel
        }
    }

    private void removeIfAbandoned(Path temp) {
        try {
            if (clock().millis() - Files.getLastModifiedTime(temp).toMillis() > ABANDONED_AFTER_MILLIS) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException ignored) {
            // harmless: it is ignored either way
        }
    }

    private Path fileOf(String id) {
        return directory.resolve(id + SpoolFormat.SUFFIX);
    }

    private static String idOf(String fileName) {
        return fileName.substring(0, fileName.length() - SpoolFormat.SUFFIX.length());
    }
}
