package io.github.twitterstats.testing;

import io.github.twitterstats.domain.Gauge;
import io.github.twitterstats.domain.SpooledBatch;
import io.github.twitterstats.port.SampleSpool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The spool port in memory, for the core's tests: batches in id order, ids in write order. */
public final class InMemorySpool implements SampleSpool {

    private final TreeMap<String, List<Gauge>> batches = new TreeMap<>();
    private int written;
    private boolean broken;

    @Override
    public synchronized List<SpooledBatch> pending() {
        failIfBroken();
        List<SpooledBatch> pending = new ArrayList<>();
        for (Map.Entry<String, List<Gauge>> batch : batches.entrySet()) {
            pending.add(new SpooledBatch(batch.getKey(), batch.getValue()));
        }
        return pending;
    }

    @Override
    public synchronized SpooledBatch add(List<Gauge> gauges) {
        failIfBroken();
        String id = String.format("%06d", ++written);
        batches.put(id, List.copyOf(gauges));
        return new SpooledBatch(id, gauges);
    }

    @Override
    public synchronized void replace(String id, List<Gauge> remaining) {
        failIfBroken();
        if (remaining.isEmpty()) {
            batches.remove(id);
        } else {
            batches.put(id, List.copyOf(remaining));
        }
    }

    @Override
    public String describe() {
        return "memory";
    }

    /** Every gauge waiting, oldest batch first. */
    public synchronized List<Gauge> gauges() {
        return batches.values().stream().flatMap(List::stream).toList();
    }

    /** From now on every operation fails, as an unreachable bucket or a full disk would. */
    public synchronized InMemorySpool breakIt() {
        broken = true;
        return this;
    }

    private void failIfBroken() {
        if (broken) {
            throw new IllegalStateException("spool unavailable");
        }
    }
}
