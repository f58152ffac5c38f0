package io.github.twitterstats.support;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/** Two pieces of work at once: one on a thread of its own, one on the calling thread. */
public final class Alongside {

    /** What the two returned. */
    public record Both<A, B>(A background, B here) { }

    private Alongside() {
    }

    /**
     * Runs {@code background} on a daemon thread named {@code threadName} while {@code here} runs on the calling
     * thread, and returns both results once both are done. Both always run to their end: when one throws, the other
     * is still waited for, so nothing of this call outlives it. Then the background's failure is thrown first, with
     * the calling thread's (if any) added as suppressed.
     */
    public static <A, B> Both<A, B> run(String threadName, Supplier<A> background, Supplier<B> here) {
        FutureTask<A> task = new FutureTask<>(background::get);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();

        B mine = null;
        RuntimeException hereFailed = null;
        try {
            mine = here.get();
        } catch (RuntimeException e) {
            hereFailed = e;
        }
        A theirs;
        try {
            theirs = awaitUninterruptibly(task);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (hereFailed != null) {
                cause.addSuppressed(hereFailed);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(threadName + " failed", cause);
        }
        if (hereFailed != null) {
            throw hereFailed;
        }
        return new Both<>(theirs, mine);
    }

    /** The task's result; an interrupt is kept for the caller to see, but the task is still waited for. */
    private static <A> A awaitUninterruptibly(FutureTask<A> task) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
