package io.github.twitterstats.adapter.out.local;

import static io.github.twitterstats.port.RunLog.fields;

import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.adapter.out.format.SpoolFormat;
import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.SpooledBatch;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.SampleSpool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
public final class LocalDirectorySpool implements SampleSpool {

    private static final String TEMP_PREFIX = ".";
    private static final String TEMP_SUFFIX = ".tmp";
    /** A temporary file older than this belongs to a process that died mid-write. */
    private static final long ABANDONED_AFTER_MILLIS = 10 * 60 * 1000;

    private final Path directory;
    private final Clock clock;
    private final RunLog log;

    public LocalDirectorySpool(Path directory, Clock clock, RunLog log) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** {@code ~/.twitter-stats/spool}: the user's own, so two users of one machine never share samples. */

    @Override
    public List<SpooledBatch> pending() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) {
                    removeIfAbandoned(entry);
                } else if (name.endsWith(SpoolFormat.SUFFIX) && SpoolFormat.isId(idOf(name))) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the spool directory " + directory, e);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<SpooledBatch> batches = new ArrayList<>(files.size());
        for (Path file : files) {
            String id = idOf(file.getFileName().toString());
            try {
                batches.add(new SpooledBatch(id, SpoolFormat.read(Files.readAllBytes(file))));
            } catch (java.nio.file.NoSuchFileException gone) {
                // another run delivered it meanwhile
            } catch (IOException | RuntimeException e) {
                // Left in place for a person to look at; it never blocks the other batches.
                log.event(Level.ERROR, "unreadable spool file skipped", fields("file", file.toString(),
                        "problem", String.valueOf(e.getMessage())));
            }
        }
        return batches;
    }

    @Override
    public SpooledBatch add(List<Gauge> gauges) {
        String id = SpoolFormat.newId(clock);
        write(id, gauges);
        return new SpooledBatch(id, gauges);
    }

    @Override
    public void replace(String id, List<Gauge> remaining) {
        SpoolFormat.requireId(id);
        if (remaining.isEmpty()) {
            try {
                Files.deleteIfExists(fileOf(id));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + fileOf(id), e);
            }
        } else {
            write(id, remaining);
        }
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    private void write(String id, List<Gauge> gauges) {
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
            if (clock.millis() - Files.getLastModifiedTime(temp).toMillis() > ABANDONED_AFTER_MILLIS) {
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
