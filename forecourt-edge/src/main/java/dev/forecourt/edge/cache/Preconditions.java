package dev.forecourt.edge.cache;

import dev.forecourt.http.Validators;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The client's conditional and range headers, captured before the cache uses the request for its own
 * revalidation, so that a stored or freshened response can be answered as the client asked (RFC 9110 section 13).
 */
record Preconditions(String ifNoneMatch, String ifModifiedSince, String range, String ifRange) {
    static final Preconditions NONE = new Preconditions(null, null, null, null);

    static Preconditions of(HttpHeaders h) {
        String inm = join(h, HttpHeaderNames.IF_NONE_MATCH);
        String ims = h.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        String range = h.get(HttpHeaderNames.RANGE);
        String ifRange = h.get(HttpHeaderNames.IF_RANGE);
        return inm == null && ims == null && range == null ? NONE : new Preconditions(inm, ims, range, ifRange);
    }

    private static String join(HttpHeaders h, CharSequence name) {
        java.util.List<String> all = h.getAll(name);
        return all.isEmpty() ? null : String.join(",", all);
    }

    boolean any() {
        return this != NONE;
    }

    /** Whether the client would get 304 for this stored response (If-None-Match wins over If-Modified-Since). */
    boolean notModified(HttpHeaders stored) {
        if (ifNoneMatch != null) {
            return Validators.noneMatchHits(ifNoneMatch, stored.get(HttpHeaderNames.ETAG));
        }
        if (ifModifiedSince != null) {
            Long lm = Freshness.date(stored.get(HttpHeaderNames.LAST_MODIFIED));
            if (lm == null) {
                lm = Freshness.date(stored.get(HttpHeaderNames.DATE)); // RFC 9111 section 4.3.2
            }
            return lm != null && Validators.unmodifiedSince(ifModifiedSince, lm);
        }
        return false;
    }

    /** Whether a Range should be honoured against this stored response (If-Range absent or matching, strongly). */
    boolean rangeApplies(HttpHeaders stored) {
        if (range == null) {
            return false;
        }
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"")) {
            return v.equals(stored.get(HttpHeaderNames.ETAG));
        }
        return v.equals(stored.get(HttpHeaderNames.LAST_MODIFIED));
    }

    /**
     * The single byte range {@code bytes=a-b}, {@code a-} or {@code -n} of a representation of {@code length}
     * bytes, as {first, last}; null when the header is not one range we serve (then the whole response is sent);
     * {-1, -1} when it is unsatisfiable (416).
     */
    static long[] byteRange(String range, long length) {
        String r = range.trim();
        if (!r.regionMatches(true, 0, "bytes=", 0, 6) || r.indexOf(',') >= 0) {
            return null;
        }
        String spec = r.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) return new long[] {-1, -1};
                first = Math.max(0, length - suffix);
                last = length - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
                if (!b.isEmpty() && Long.parseLong(b) < first) return null;
            }
            if (first >= length || length == 0) {
                return new long[] {-1, -1};
            }
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
