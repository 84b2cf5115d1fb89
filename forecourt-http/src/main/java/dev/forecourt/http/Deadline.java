package dev.forecourt.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout that is moved often and fires rarely: moving it only writes a field; at most one task is scheduled,
 * and when it wakes early it sleeps again for the rest (as Netty's IdleStateHandler). Setting and cancelling a
 * scheduled task per request or per chunk would cost more than the rest of the exchange's bookkeeping.
 */
final class Deadline {
    private final EventExecutor executor;
    private final Runnable onExpiry;
    private long deadlineNanos; // 0: off
    private ScheduledFuture<?> task;

    Deadline(EventExecutor executor, Runnable onExpiry) {
        this.executor = executor;
        this.onExpiry = onExpiry;
    }

    /** Expire {@code nanos} from now (0 or less: never). */
    void in(long nanos) {
        in(nanos, System.nanoTime());
    }

    /** As {@link #in(long)}, for a caller that has just read the clock ({@code now}): one read fewer. */
    void in(long nanos, long now) {
        if (nanos <= 0) {
            deadlineNanos = 0;
            return;
        }
        deadlineNanos = now + nanos;
        if (task == null) {
            task = executor.schedule(this::wake, nanos, TimeUnit.NANOSECONDS);
        }
    }

    void off() {
        deadlineNanos = 0;
    }

    /** Cancels the pending task too: for when the owner goes away for good. */
    void close() {
        deadlineNanos = 0;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void wake() {
        task = null;
        if (deadlineNanos == 0) {
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            task = executor.schedule(this::wake, left, TimeUnit.NANOSECONDS);
        } else {
            deadlineNanos = 0;
            onExpiry.run();
        }
    }
}
