package dev.forecourt.edge.throttle;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One key's token bucket in this process, as GCRA (see {@link Limit}): a single number, the theoretical arrival time
 * ({@code tat}, nanoseconds on the throttle's ticker), moved by compare-and-set, so a take is lock-free and allocates
 * nothing. {@code interval} is the limit's at creation: it lets the key's cache entry expire exactly when the bucket
 * would be full again (plus a linger, {@link LocalThrottle}), so forgetting an idle key hands back no tokens.
 */
final class Bucket {
    private final AtomicLong tat;
    final long interval;

    Bucket(long now, long interval) {
        this.tat = new AtomicLong(now);
        this.interval = interval;
    }

    /** Takes a token at {@code now}: 0 when allowed, else the nanoseconds until one is back. */
    long take(long now, Limit limit) {
        if (limit.blocksAll()) {
            return Long.MAX_VALUE;
        }
        long interval = limit.intervalNanos();
        long tolerance = limit.toleranceNanos();
        while (true) {
            long t = tat.get();
            long next = Math.max(t, now) + interval;
            long wait = next - now - tolerance;
            if (wait > 0) {
                return wait;
            }
            if (tat.compareAndSet(t, next)) {
                return 0;
            }
        }
    }

    /** Nanoseconds after {@code now} when this bucket is full again, give or take one interval (never less). */
    long fullAfter(long now) {
        return Math.max(0, tat.get() - now) + interval;
    }
}
