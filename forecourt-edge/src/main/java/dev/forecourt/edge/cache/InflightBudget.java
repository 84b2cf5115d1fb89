package dev.forecourt.edge.cache;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that misses in flight may hold as copies for the store, across all of them: one budget, so that memory
 * is bounded by it and not by concurrent misses times maxObjectSize (200 viewers that never read held 5.6 GB). A
 * copy that would go over it is dropped and its object not stored; the body itself still streams to its viewer at
 * the viewer's pace.
 */
final class InflightBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    InflightBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code n} bytes if they fit. */
    boolean reserve(long n) {
        long now;
        do {
            now = used.get();
            if (now + n > limit) {
                return false;
            }
        } while (!used.compareAndSet(now, now + n));
        return true;
    }

    void release(long n) {
        used.addAndGet(-n);
    }

    long used() {
        return used.get();
    }
}
