package dev.forecourt.iiif;

import dev.forecourt.http.HttpDate;
import dev.forecourt.http.Validators;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/** RFC 9110 section 13.2.2 for GET and HEAD: If-None-Match first; If-Modified-Since only without it. */
final class Conditional {
    private Conditional() {}

    /** True when the client's copy is current and a 304 is the answer. */
    static boolean notModified(HttpHeaders request, String etag, long modifiedMillis) {
        String inm = request.get(HttpHeaderNames.IF_NONE_MATCH);
        if (inm != null) {
            return Validators.noneMatchHits(inm, etag);
        }
        String ims = request.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        return ims != null && Validators.unmodifiedSince(ims, modifiedMillis);
    }

    static String httpDate(long millis) {
        return HttpDate.format(millis);
    }
}
