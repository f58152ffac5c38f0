package io.github.twitterstats.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.twitterstats.support.SizeBoundedBatcher.Batch;
import io.github.twitterstats.support.SizeBoundedBatcher.OversizedItemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A batch is {@code envelope + items + separators}; these pin the limit to the byte. */
class SizeBoundedBatcherTest {

    // {"s":[ ... ]} : a 10-byte envelope, a 1-byte comma between items
    private final SizeBoundedBatcher batcher = new SizeBoundedBatcher(100, 10, 1);

    private static List<List<String>> itemsOf(List<Batch<String>> batches) {
        return batches.stream().map(Batch::items).toList();
    }

    @Test
    void noItemsMakeNoBatch() {
        assertThat(batcher.split(List.<String>of(), String::length)).isEmpty();
    }

    @Test
    void itemsThatFitGoInOneBatchWhoseSizeCountsEnvelopeAndSeparators() {
        List<Batch<String>> batches = batcher.split(List.of("aaaa", "bb", "c"), String::length);

        assertThat(itemsOf(batches)).containsExactly(List.of("aaaa", "bb", "c"));
        assertThat(batches.get(0).bytes()).isEqualTo(10 + 4 + 1 + 2 + 1 + 1);
    }

    @Test
    void aBatchExactlyAtTheLimitStaysWhole() {
        // 10 + 44 + 1 + 45 = 100
        List<String> items = List.of("x".repeat(44), "y".repeat(45));

        List<Batch<String>> batches = batcher.split(items, String::length);

        assertThat(itemsOf(batches)).containsExactly(items);
        assertThat(batches.get(0).bytes()).isEqualTo(100);
    }

    @Test
    void oneByteOverTheLimitStartsANewBatch() {
        // 10 + 44 + 1 + 46 = 101
        List<String> items = List.of("x".repeat(44), "y".repeat(46));

        List<Batch<String>> batches = batcher.split(items, String::length);

        assertThat(itemsOf(batches)).containsExactly(List.of("x".repeat(44)), List.of("y".repeat(46)));
        assertThat(batches).extracting(Batch::bytes).containsExactly(54L, 56L);
    }

    @Test
    void aSingleItemExactlyFillingABatchIsAllowed() {
        List<Batch<String>> batches = batcher.split(List.of("z".repeat(90)), String::length);

        assertThat(batches).singleElement().extracting(Batch::bytes).isEqualTo(100L);
    }

    @Test
    void aSingleItemLargerThanABatchIsRefusedWithItsIndexNotLoopedOver() {
        List<String> items = List.of("ok", "z".repeat(91), "never reached");

        assertThatThrownBy(() -> batcher.split(items, String::length))
                .isInstanceOf(OversizedItemException.class)
                .hasMessage("item 1 is 91 bytes, more than the 90 bytes a batch has room for")
                .satisfies(e -> {
                    OversizedItemException o = (OversizedItemException) e;
                    assertThat(o.index()).isEqualTo(1);
                    assertThat(o.itemBytes()).isEqualTo(91);
                    assertThat(o.roomBytes()).isEqualTo(90);
                });
    }

    @Test
    void aLimitWithoutRoomForAnythingIsAProgrammingError() {
        assertThatThrownBy(() -> new SizeBoundedBatcher(10, 10, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyItemLandsExactlyOnceInOrderAndNoBatchPassesTheLimitOrCouldTakeTheNextItem() {
        Random random = new Random(42);
        List<String> items = IntStream.range(0, 5_000)
                .mapToObj(i -> i + ":" + "p".repeat(random.nextInt(80)))
                .toList();

        List<Batch<String>> batches = batcher.split(items, String::length);

        List<String> flattened = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            Batch<String> batch = batches.get(b);
            long bytes = 10 + batch.items().stream().mapToLong(String::length).sum() + (batch.items().size() - 1);
            assertThat(batch.bytes()).isEqualTo(bytes).isLessThanOrEqualTo(100);
            if (b + 1 < batches.size()) {
                // greedy: the next batch's first item would not have fitted
                assertThat(bytes + 1 + batches.get(b + 1).items().get(0).length()).isGreaterThan(100);
            }
            flattened.addAll(batch.items());
        }
        assertThat(flattened).isEqualTo(items);
    }
}
