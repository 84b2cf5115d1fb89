package dev.forecourt.edge.cache;

import dev.forecourt.edge.policy.Ttl;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How long an answer with an error status (4xx, 5xx) is kept: as the cloud keeps it, rather than for the cache
 * policy's default TTL (a day under CachingOptimized: one passing 503 would be served for a day). Without explicit
 * freshness from the origin, 404, 414 and 500-504 are kept for the error caching minimum TTL (10 s, or what the
 * distribution's {@code customErrorResponses} set for that status), any status the distribution names with a minimum
 * TTL for that TTL, and no other (the cloud keeps 400, 403, 405, 412 and 415 only with explicit freshness). With
 * explicit freshness the origin is obeyed within the policy's bounds, as for any answer, and a minimum TTL the
 * distribution names for the status is a floor; the cloud takes the longer of the origin's and its 10 s, but an
 * origin that says {@code max-age=0} on its 503 means it, and RFC 9111 holds a shared cache to that. 416 is never
 * kept: it answers one viewer's Range, and the cloud does not keep it either. These rules replace a policy's default
 * TTL for errors; under a policy that follows the origin (no default TTL: RFC 9111's heuristics), errors are kept as
 * RFC 9111 keeps any answer (a 503 only with explicit freshness, a 404 or 410 heuristically), unless the distribution
 * names the status.
 */
public final class ErrorCaching {
    /** The cloud's error caching minimum TTL. */
    public static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(10);
    /** The cloud's rules, with no status configured. */
    public static final ErrorCaching CLOUD = new ErrorCaching(Map.of());

    private static final Set<Integer> KEPT = Set.of(404, 414, 500, 501, 502, 503, 504);

    private final Map<Integer, Duration> configured;

    /** {@code minTtlByStatus}: a distribution's errorCachingMinTTL per errorCode. */
    public ErrorCaching(Map<Integer, Duration> minTtlByStatus) {
        this.configured = Map.copyOf(minTtlByStatus);
    }

    /** Whether the distribution's customErrorResponses name this status with a minimum TTL. */
    boolean configures(int status) {
        return configured.containsKey(status);
    }

    static boolean isError(int status) {
        return status >= 400;
    }

    /**
     * The freshness lifetime in ms of an error answer, or -1 when it must not be stored. {@code explicit}: the
     * freshness the origin gave (ms), or -1 for none.
     */
    long lifetime(int status, long explicit, Ttl ttl) {
        if (status == 416) {
            return -1;
        }
        Duration named = configured.get(status);
        if (explicit >= 0) { // stored as any answer would be (stale at once, with a validator, is still stored)
            long life = Freshness.clamp(explicit, ttl);
            return named == null ? life : Math.max(life, named.toMillis());
        }
        long min = named != null ? named.toMillis() : KEPT.contains(status) ? DEFAULT_MIN_TTL.toMillis() : 0;
        return min > 0 ? min : -1; // a minimum of 0 keeps nothing
    }
}
