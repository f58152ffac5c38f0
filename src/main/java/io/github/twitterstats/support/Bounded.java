package io.github.twitterstats.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Runs a task per item on at most {@code bound} daemon threads and returns the results in the items' order. */
public final class Bounded {

    private Bounded() {
    }

    public static <I, O> List<O> map(List<I> items, int bound, String threadName, Function<I, O> task) {
        if (items.size() <= 1 || bound <= 1) {
            return items.stream().map(task).toList();
        }
        return onThreads(items, bound, threadName, task, () -> { });
    }

    /**
     * The same, with {@code whileWaiting} run on the calling thread while the tasks run, for work that would
     * otherwise wait for them (even a single task then goes to a thread of its own).
     */
    public static <I, O> List<O> map(List<I> items, int bound, String threadName, Function<I, O> task,
                                     Runnable whileWaiting) {
        if (items.isEmpty()) {
            return List.of();
        }
        return onThreads(items, bound, threadName, task, whileWaiting);
    }

    private static <I, O> List<O> onThreads(List<I> items, int bound, String threadName, Function<I, O> task,
                                            Runnable whileWaiting) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(bound, items.size())), runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<O>> futures = new ArrayList<>();
            for (I item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            whileWaiting.run();
            List<O> results = new ArrayList<>();
            for (Future<O> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(threadName + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + threadName, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
