package dev.forecourt.edge.policy;

import java.time.Duration;

/**
 * A cache policy's time-to-live bounds, as CloudFront names them: explicit freshness from the origin is clamped to
 * [min, max]; a response without it lives {@code dflt}, or, when {@code dflt} is null, what RFC 9111's heuristic
 * gives (10% of the time since Last-Modified, at most a day). Unlike CloudFront, {@code min > 0} never keeps a
 * response marked no-store or private (a shared cache must not: RFC 9111 section 3); a no-cache one is kept and
 * revalidated before each use.
 */
public record Ttl(Duration min, Duration dflt, Duration max) {
    /** RFC 9111 as written: no floor, heuristics, a year at most. */
    public static final Ttl ORIGIN = new Ttl(Duration.ZERO, null, Duration.ofDays(365));

    public Ttl {
        if (min == null) min = Duration.ZERO;
        if (max == null) max = Duration.ofDays(365);
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("minTTL " + min + " is above maxTTL " + max);
        }
    }

    /** Nothing is kept (CachingDisabled). */
    public boolean disabled() {
        return max.isZero();
    }
}
