package io.github.twitterstats.adapter.out.format;

import static io.github.twitterstats.port.RunLog.fields;

import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.SpooledBatch;
import io.github.twitterstats.port.RunLog.Level;
import io.github.twitterstats.port.RunLog;
import io.github.twitterstats.port.SampleSpool;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A spool that keeps each batch as one named object (a file, an S3 object) in {@link SpoolFormat}: what every
 * such spool does the same way — the backlog oldest first by name, a batch another run delivered meanwhile
 * skipped, an unreadable one left in place and logged, a batch replaced by its remainder — while the storage's
 * own calls are the subclass's. Each subclass makes a write atomic in its own way.
 */
public abstract class NamedBatchSpool implements SampleSpool {

    private final Clock clock;
    private final RunLog log;
    private final String objectKind;

    /** {@code objectKind} names what a batch is kept as in log lines ("file", "object"). */
    protected NamedBatchSpool(Clock clock, RunLog log, String objectKind) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.objectKind = Objects.requireNonNull(objectKind, "objectKind");
    }

    /** The ids of the batches kept, in any order; anything else in the storage is not listed. */
    protected abstract List<String> storedIds();

    /**
     * The batch's bytes, or empty when it is gone (another run delivered it meanwhile). An {@link IOException}
     * makes this one batch unreadable (logged and left in place); a storage that cannot be read at all throws
     * an unchecked exception, which fails the listing.
     */
    protected abstract Optional<byte[]> load(String id) throws IOException;

    /** Keeps the gauges, in {@link SpoolFormat}, under the batch's name: whole or not at all. */
    protected abstract void store(String id, List<Gauge> gauges);

    /** Removes the batch; a batch already gone is not an error. */
    protected abstract void delete(String id);

    /** Where the batch is kept, for log lines. */
    protected abstract String locate(String id);

    @Override
    public final List<SpooledBatch> pending() {
        List<String> ids = new ArrayList<>(storedIds());
        ids.sort(null); // ids start with their writing time: name order is age order
        List<SpooledBatch> batches = new ArrayList<>(ids.size());
        for (String id : ids) {
            Optional<byte[]> body;
            try {
                body = load(id);
            } catch (IOException e) {
                skipUnreadable(id, e);
                continue;
            }
            if (body.isEmpty()) {
                continue;
            }
            try {
                batches.add(new SpooledBatch(id, SpoolFormat.read(body.get())));
            } catch (IOException | RuntimeException e) {
                skipUnreadable(id, e);
            }
        }
        return batches;
    }

    @Override
    public final SpooledBatch add(List<Gauge> gauges) {
        String id = SpoolFormat.newId(clock);
        store(id, gauges);
        return new SpooledBatch(id, gauges);
    }

    @Override
    public final void replace(String id, List<Gauge> remaining) {
        SpoolFormat.requireId(id);
        if (remaining.isEmpty()) {
            delete(id);
        } else {
            store(id, remaining);
        }
    }

    /** An unreadable batch is left in place for a person to look at; it never blocks the other batches. */
    private void skipUnreadable(String id, Exception problem) {
        log.event(Level.ERROR, "unreadable spool " + objectKind + " skipped", fields(objectKind, locate(id),
                "problem", String.valueOf(problem.getMessage())));
    }

    /** The clock ids are made from, for subclasses that age their own leftovers. */
    protected final Clock clock() {
        return clock;
    }
}
