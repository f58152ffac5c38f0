package io.github.twitterstats.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Splits a list, in order, into as few consecutive batches as a size limit allows, where a batch
 * is encoded as an envelope around its items with a separator between neighbours, e.g. a JSON
 * array {@code {"series":[a,b,c]}}: {@code envelope + size(a) + sep + size(b) + sep + size(c)}.
 *
 * <p>Greedy packing in order is optimal for this cost model (every batch but the last is full
 * as far as the next item allows). An item that cannot fit even alone is refused with an
 * {@link OversizedItemException} instead of being sent anyway or looping.
 */
public record SizeBoundedBatcher(long maxBatchBytes, long envelopeBytes, long separatorBytes) {

    public SizeBoundedBatcher {
        if (envelopeBytes < 0 || separatorBytes < 0) {
            throw new IllegalArgumentException("envelope and separator sizes must not be negative");
        }
        if (maxBatchBytes <= envelopeBytes) {
            throw new IllegalArgumentException("the limit " + maxBatchBytes
                    + " leaves no room inside an envelope of " + envelopeBytes + " bytes");
        }
    }

    /** One batch and its encoded size in bytes (envelope and separators included). */
    public record Batch<T>(List<T> items, long bytes) {
        public Batch {
            items = Collections.unmodifiableList(items);
        }
    }

    /**
     * The batches, in the items' order; no batch is empty, none is larger than
     * {@link #maxBatchBytes()}. An empty list gives no batch.
     *
     * @throws OversizedItemException when one item plus the envelope is larger than the limit
     */
    public <T> List<Batch<T>> split(List<? extends T> items, ToLongFunction<? super T> sizeOf) {
        List<Batch<T>> batches = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long currentBytes = envelopeBytes;
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            long size = sizeOf.applyAsLong(item);
            if (size < 0) {
                throw new IllegalArgumentException("item " + i + " has a negative size " + size);
            }
            if (envelopeBytes + size > maxBatchBytes) {
                throw new OversizedItemException(i, size, maxBatchBytes - envelopeBytes);
            }
            long grown = current.isEmpty() ? currentBytes + size : currentBytes + separatorBytes + size;
            if (grown > maxBatchBytes) {
                batches.add(new Batch<>(current, currentBytes));
                current = new ArrayList<>();
                grown = envelopeBytes + size;
            }
            current.add(item);
            currentBytes = grown;
        }
        if (!current.isEmpty()) {
            batches.add(new Batch<>(current, currentBytes));
        }
        return batches;
    }

    /** One item is too large to fit in any batch. */
    public static final class OversizedItemException extends IllegalArgumentException {
        private final int index;
        private final long itemBytes;
        private final long roomBytes;

        public OversizedItemException(int index, long itemBytes, long roomBytes) {
            super("item " + index + " is " + itemBytes + " bytes, more than the " + roomBytes
                    + " bytes a batch has room for");
            this.index = index;
            this.itemBytes = itemBytes;
            this.roomBytes = roomBytes;
        }

        public int index() {
            return index;
        }

        public long itemBytes() {
            return itemBytes;
        }

        public long roomBytes() {
            return roomBytes;
        }
    }
}
