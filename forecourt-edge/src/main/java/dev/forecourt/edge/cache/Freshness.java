package dev.forecourt.edge.cache;

import dev.forecourt.edge.policy.Ttl;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Date;
import java.util.List;

/** RFC 9111 section 4.2: how long a response stays fresh, and how old it was when it arrived. */
final class Freshness {
    private Freshness() {}

    /** A day: the cap on heuristic freshness. */
    private static final long HEURISTIC_CAP = 86_400_000L;

    /** Statuses a cache may give heuristic freshness (RFC 9110 section 15.1). */
    static boolean heuristicallyCacheable(int status) {
        return switch (status) {
            case 200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501 -> true;
            default -> false;
        };
    }

    /**
     * The freshness lifetime in milliseconds for a shared cache: s-maxage, else max-age, else Expires minus Date
     * (an invalid Expires is already expired), else the policy's default or the heuristic; explicit values are
     * clamped to the policy's bounds. {@code cc} are the directives this cache obeys (CDN-Cache-Control wins).
     */
    static long lifetime(int status, HttpHeaders h, Directives cc, Ttl ttl, long responseTime) {
        return lifetime(status, h, cc, ttl, ErrorCaching.CLOUD, responseTime);
    }

    /** As above, with errors kept as {@code errors} says (-1: an error not to be stored). */
    static long lifetime(int status, HttpHeaders h, Directives cc, Ttl ttl, ErrorCaching errors, long responseTime) {
        long explicit = explicit(h, cc, responseTime);
        if (ErrorCaching.isError(status) && (ttl.dflt() != null || errors.configures(status))) {
            // the cloud's rules where a default TTL would otherwise keep an error for a day, or where the distribution
            // names the status; a policy that follows the origin (no default TTL) keeps errors as RFC 9111 does
            return errors.lifetime(status, explicit, ttl);
        }
        if (explicit >= 0) {
            return clamp(explicit, ttl);
        }
        if (ttl.dflt() != null) {
            return clamp(ttl.dflt().toMillis(), ttl);
        }
        if (cc.has("public") || heuristicallyCacheable(status)) {
            Long lm = date(h.get(HttpHeaderNames.LAST_MODIFIED));
            if (lm != null) {
                long date = dateOr(h, responseTime);
                return clamp(Math.min(HEURISTIC_CAP, Math.max(0, (date - lm) / 10)), ttl);
            }
        }
        return clamp(0, ttl);
    }

    /** Explicit freshness in ms, or -1 when the response gives none. */
    static long explicit(HttpHeaders h, Directives cc, long responseTime) {
        long s = cc.seconds("s-maxage");
        if (s == Directives.INVALID) return 0;
        if (s >= 0) return s * 1000;
        long m = cc.seconds("max-age");
        if (m == Directives.INVALID) return 0;
        if (m >= 0) return m * 1000;
        List<String> expires = h.getAll(HttpHeaderNames.EXPIRES);
        if (!expires.isEmpty()) {
            Long e = expires.size() == 1 ? date(expires.get(0)) : null;
            if (e == null) return 0;
            return Math.max(0, e - dateOr(h, responseTime));
        }
        return -1;
    }

    static long clamp(long ms, Ttl ttl) {
        return Math.max(ttl.min().toMillis(), Math.min(ttl.max().toMillis(), ms));
    }

    /**
     * The corrected initial age (section 4.2.3) in ms: the larger of what the clocks say and what the Age header
     * says plus the time the response took. An Age that is not one non-negative integer makes it stale at once.
     */
    static long initialAge(HttpHeaders h, long requestTime, long responseTime) {
        long apparent = Math.max(0, responseTime - dateOr(h, responseTime));
        long age = 0;
        List<String> ages = h.getAll(HttpHeaderNames.AGE);
        if (!ages.isEmpty()) {
            age = ages.size() == 1 ? ageSeconds(ages.get(0)) : -1;
            if (age < 0) {
                return Long.MAX_VALUE / 4;
            }
            age *= 1000;
        }
        return Math.max(apparent, age + (responseTime - requestTime));
    }

    private static long ageSeconds(String v) {
        if (v.isEmpty() || v.length() > 12) {
            return v.isEmpty() ? -1 : Directives.MAX_DELTA;
        }
        long a = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            a = a * 10 + (c - '0');
        }
        return a;
    }

    static long dateOr(HttpHeaders h, long fallback) {
        Long d = date(h.get(HttpHeaderNames.DATE));
        return d == null ? fallback : d;
    }

    /** An HTTP-date (IMF-fixdate, RFC 850 or asctime) in epoch ms, or null. */
    static Long date(String v) {
        if (v == null) return null;
        Date d = DateFormatter.parseHttpDate(v);
        return d == null ? null : d.getTime();
    }
}
