package dev.forecourt.edge.cache;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * When a stored response may answer a request (RFC 9111 section 4): the request's own directives (with
 * {@code Pragma: no-cache} standing in when there are none), and the cases where a stale one may still be used.
 */
final class Reuse {
    private Reuse() {}

    /** The request's cache directives. */
    static Directives requestDirectives(HttpHeaders h) {
        List<String> cc = h.getAll(HttpHeaderNames.CACHE_CONTROL);
        if (cc.isEmpty()) {
            String pragma = h.get(HttpHeaderNames.PRAGMA);
            return pragma != null && pragma.toLowerCase(java.util.Locale.ROOT).contains("no-cache")
                    ? Directives.parse(List.of("no-cache")) : Directives.NONE;
        }
        return Directives.parse(cc);
    }

    /** Request max-age and min-fresh may refuse a response that is fresh by its own measure. */
    static boolean usableFresh(CachedResponse r, Directives rq, long age) {
        long maxAge = rq.seconds("max-age");
        if (maxAge == Directives.INVALID || (maxAge >= 0 && age > maxAge * 1000)) return false;
        long minFresh = rq.seconds("min-fresh");
        return minFresh < 0 || r.lifetime - age >= minFresh * 1000;
    }

    /** Serving stale is never allowed when the response says it must be revalidated. */
    static boolean mayServeStale(CachedResponse r) {
        return !(r.cc.has("must-revalidate") || r.cc.has("proxy-revalidate") || r.cc.has("s-maxage")
                || r.cc.has("no-cache"));
    }

    static boolean maxStaleAllows(CachedResponse r, Directives rq, long age) {
        if (!rq.has("max-stale") || !mayServeStale(r)) return false;
        long s = rq.seconds("max-stale");
        return s == Directives.INVALID || age - r.lifetime <= s * 1000;
    }

    static boolean staleWhileRevalidate(CachedResponse r, long age) {
        long swr = r.cc.seconds("stale-while-revalidate");
        return swr > 0 && mayServeStale(r) && age - r.lifetime <= swr * 1000;
    }

    static boolean staleIfError(CachedResponse r, long now) {
        long sie = r.cc.seconds("stale-if-error");
        return sie > 0 && mayServeStale(r) && r.age(now) - r.lifetime <= sie * 1000;
    }
}
