package dev.forecourt.http;

import io.netty.util.AsciiString;

/**
 * The header names Forecourt reads and writes on every request that Netty's {@code HttpHeaderNames} lacks. They are
 * {@link AsciiString}s, as Netty's are: the hash a header lookup needs is computed once, not per request, and the
 * encoder copies their bytes instead of walking chars.
 */
public final class HeaderNames {
    private HeaderNames() {}

    public static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    public static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    public static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    public static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    public static final AsciiString FORWARDED = AsciiString.cached("forwarded");
    public static final AsciiString TRACEPARENT = AsciiString.cached("traceparent");
    public static final AsciiString TRACESTATE = AsciiString.cached("tracestate");
    public static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    public static final AsciiString SERVER_TIMING = AsciiString.cached("server-timing");
    public static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    public static final AsciiString FORECOURT_ERROR = AsciiString.cached("forecourt-error");
    public static final AsciiString FORECOURT_HOP = AsciiString.cached("forecourt-hop");
    public static final AsciiString X_CACHE = AsciiString.cached("x-cache");
}
