package dev.forecourt.iiif;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Date;

/** RFC 9110 section 13.2.2 for GET and HEAD: If-None-Match first; If-Modified-Since only without it. */
final class Conditional {
    private Conditional() {}

    /** True when the client's copy is current and a 304 is the answer. */
    static boolean notModified(HttpHeaders request, String etag, long modifiedMillis) {
        String inm = request.get(HttpHeaderNames.IF_NONE_MATCH);
        if (inm != null) {
            return matches(inm, etag);
        }
        String ims = request.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        if (ims != null) {
            Date since = DateFormatter.parseHttpDate(ims);
            return since != null && modifiedMillis / 1000 <= since.getTime() / 1000;
        }
        return false;
    }

    /** Weak comparison (section 8.8.3.2), as If-None-Match uses: {@code W/"x"} matches {@code "x"}. */
    static boolean matches(String list, String etag) {
        String ours = opaque(etag);
        for (String candidate : list.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || opaque(c).equals(ours)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    static String httpDate(long millis) {
        return DateFormatter.format(new Date(millis));
    }
}
