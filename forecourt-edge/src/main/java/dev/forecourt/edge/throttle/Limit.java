package dev.forecourt.edge.throttle;

/**
 * A token bucket as API Gateway's throttling settings name it: {@code rateLimit} tokens a second refill a bucket that
 * holds {@code burstLimit}; a request takes one token or is throttled. A new bucket is full. A limit of 0 in either
 * throttles every request (a bucket that never holds a token).
 *
 * <p>The bucket runs as GCRA (the generic cell rate algorithm), which is the same bucket kept as one number: the
 * theoretical arrival time of the next request. A request at {@code now} is allowed when
 * {@code max(tat, now) + interval - now <= burst * interval}, and then moves {@code tat} on by one interval.
 */
public record Limit(double rateLimit, int burstLimit) {
    /** Intervals and tolerances are capped here (36 years), so that no sum of them overflows a long of nanoseconds. */
    private static final long MAX_NANOS = 1L << 60;

    public Limit {
        if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
            throw new IllegalArgumentException("rateLimit must be a number >= 0, got " + rateLimit);
        }
        if (burstLimit < 0) {
            throw new IllegalArgumentException("burstLimit must be >= 0, got " + burstLimit);
        }
    }

    /** No request ever passes. */
    boolean blocksAll() {
        return rateLimit == 0 || burstLimit == 0;
    }

    /** Nanoseconds between two tokens. */
    long intervalNanos() {
        return (long) Math.min(1e9 / rateLimit, MAX_NANOS);
    }

    /** How far ahead of now the bucket's tat may run: a whole bucket's worth of intervals. */
    long toleranceNanos() {
        long interval = intervalNanos();
        return interval == 0 ? 0 : burstLimit > MAX_NANOS / interval ? MAX_NANOS : interval * burstLimit;
    }
}
