package dev.forecourt.iiif;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded pool where decoding and encoding run: a fixed number of threads and a fixed queue. When both are
 * full, {@link #submit} refuses at once (the service answers 503 with Retry-After) instead of queueing without end.
 * A task still waiting can be withdrawn (its client left): it never starts and its place in the queue is freed.
 */
final class RenderPool implements Executor, AutoCloseable {
    private final ThreadPoolExecutor pool;
    // counted, not timed: a LongAdder per event is all the hot path pays
    private final LongAdder started = new LongAdder();
    private final LongAdder withdrawn = new LongAdder();

    RenderPool(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "iiif-render-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code task} on a worker; null when the pool and its queue are full. */
    Ticket submit(Runnable task) {
        Ticket ticket = new Ticket(task);
        try {
            pool.execute(ticket);
            return ticket;
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    @Override
    public void execute(Runnable command) {
        if (submit(command) == null) {
            throw new RejectedExecutionException("render pool full");
        }
    }

    /** Tasks a worker has begun. */
    long started() {
        return started.sum();
    }

    /** Tasks withdrawn before a worker took them. */
    long withdrawn() {
        return withdrawn.sum();
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A task on the pool. A worker starting it and a withdrawal race for it: whichever comes first wins. */
    final class Ticket implements Runnable {
        private final Runnable task;
        private final AtomicBoolean taken = new AtomicBoolean();

        private Ticket(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (taken.compareAndSet(false, true)) {
                started.increment();
                task.run();
            }
        }

        /** True when the task had not started, and now never will. */
        boolean withdraw() {
            if (!taken.compareAndSet(false, true)) {
                return false;
            }
            withdrawn.increment();
            // give its place back at once, so that a full queue of the departed does not refuse those still here
            pool.remove(this);
            return true;
        }
    }
}
