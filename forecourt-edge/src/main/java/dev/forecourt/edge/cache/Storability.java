package dev.forecourt.edge.cache;

import dev.forecourt.edge.policy.Ttl;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** Whether a response may be stored (RFC 9111 section 3), for a shared cache under a cache policy's TTLs. */
final class Storability {
    private Storability() {}

    /** RFC 9111 section 3, for a shared cache, with the cloud's floor: minTTL > 0 keeps even no-store/private. */
    static boolean storable(Ttl ttl, HttpHeaders request, int status, Directives cc, long lifetime, HttpHeaders h) {
        if (status < 200 || status == 206 || status == 304) {
            return false;
        }
        boolean floor = !ttl.min().isZero();
        if (cc.has("must-understand")) {
            if (!understood(status)) return false;
        } else if (cc.has("no-store") && !floor) {
            return false;
        }
        if (cc.has("private") && !floor) {
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
