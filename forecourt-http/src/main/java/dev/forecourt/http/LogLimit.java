package dev.forecourt.http;

/**
 * At most {@code perSecond} log lines a second for one kind of line: what clients can make us log must not flood
 * the log. Thread-safe enough for a log: a line too many or too few at a second's edge does no harm.
 */
final class LogLimit {
    private final int perSecond;
    private long second;
    private int used;
    private long suppressed;

    LogLimit(int perSecond) {
        this.perSecond = perSecond;
    }

    /** -1: don't log this one; else log it, and the number is how many were not logged before it. */
    synchronized long take() {
        long now = System.nanoTime() / 1_000_000_000L;
        if (now != second) {
            second = now;
            used = 0;
        }
        if (used >= perSecond) {
            suppressed++;
            return -1;
        }
        used++;
        long s = suppressed;
        suppressed = 0;
        return s;
    }
}
