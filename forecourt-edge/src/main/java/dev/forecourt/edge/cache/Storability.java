package dev.forecourt.edge.cache;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** Whether a response may be stored (RFC 9111 section 3), for a shared cache under a cache policy's TTLs. */
final class Storability {
    private Storability() {}

    /**
     * RFC 9111 section 3, for a shared cache. A policy's minTTL does not override {@code no-store} or {@code private}
     * (CloudFront lets it, a documented way to serve one user's answer to another). A response that sets a cookie
     * is stored without its Set-Cookie (CacheStage's NOT_STORED), as CloudFront keeps it when cookies are not forwarded.
     */
    static boolean storable(HttpHeaders request, int status, Directives cc, long lifetime, HttpHeaders h) {
        if (status < 200 || status == 206 || status == 304 || lifetime < 0) { // < 0: an error not kept (ErrorCaching)
            return false;
        }
        if (cc.has("must-understand")) {
            if (!understood(status)) return false;
        } else if (cc.has("no-store")) {
            return false;
        }
        if (cc.has("private")) {
            return false;
        }
        if (request.contains(HttpHeaderNames.AUTHORIZATION)
                && !(cc.has("public") || cc.has("s-maxage") || cc.has("must-revalidate"))) {
            return false;
        }
        return lifetime > 0 || h.contains(HttpHeaderNames.ETAG) || h.contains(HttpHeaderNames.LAST_MODIFIED);
    }

    private static boolean understood(int status) {
        return switch (status) {
            case 200, 203, 204, 300, 301, 302, 303, 307, 308, 400, 403, 404, 405, 410, 414, 500, 501, 502, 503, 504 -> true;
            default -> false;
        };
    }
}
