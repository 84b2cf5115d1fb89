package dev.forecourt.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Set;

/**
 * RFC 9110 section 6.5.1: a trailer field must not be one a recipient needs before the content (framing, routing,
 * request modifiers, authentication, response control, content processing). Such fields are dropped from a body's
 * trailer section before it is passed on, both ways: a recipient that merged trailers into the head would otherwise
 * take them as the message's own (a second Host, a Content-Length after the fact, a cookie for someone else).
 */
final class Trailers {
    private Trailers() {}

    private static final Set<String> NOT_IN_TRAILERS = Set.of(
            "host", "content-length", "transfer-encoding", "trailer", "te", "connection", "keep-alive", "upgrade",
            "proxy-connection", "expect", "max-forwards", "range", "if-match", "if-none-match", "if-modified-since",
            "if-unmodified-since", "if-range", "cache-control", "pragma", "authorization", "proxy-authorization",
            "www-authenticate", "proxy-authenticate", "cookie", "set-cookie", "content-type", "content-encoding",
            "content-range", "content-location", "age", "expires", "date", "location", "retry-after", "vary",
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port");

    /** Drops what may not travel in a trailer section (in place). */
    static void clean(LastHttpContent last) {
        HttpHeaders t = last.trailingHeaders();
        if (t.isEmpty()) {
            return;
        }
        t.names().stream().filter(n -> NOT_IN_TRAILERS.contains(n.toLowerCase(java.util.Locale.ROOT)))
                .toList().forEach(t::remove);
    }
}
