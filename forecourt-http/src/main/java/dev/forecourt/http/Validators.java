package dev.forecourt.http;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;

/**
 * The comparisons of RFC 9110 section 13.1 that decide a 304: If-None-Match against an entity tag (weak comparison,
 * {@code *} matching any), and If-Modified-Since against a modification time (whole seconds, as HTTP dates are).
 */
public final class Validators {
    private Validators() {}

    /** Whether an If-None-Match list names {@code etag} (weakly: {@code W/"x"} matches {@code "x"}). */
    public static boolean noneMatchHits(String ifNoneMatch, String etag) {
        if (etag == null) {
            return false;
        }
        String ours = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || opaque(c).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a representation modified at {@code modifiedMillis} is unmodified since the If-Modified-Since date. */
    public static boolean unmodifiedSince(String ifModifiedSince, long modifiedMillis) {
        Date since = DateFormatter.parseHttpDate(ifModifiedSince);
        return since != null && modifiedMillis / 1000 <= since.getTime() / 1000;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
