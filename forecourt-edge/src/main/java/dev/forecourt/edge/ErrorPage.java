package dev.forecourt.edge;

import dev.forecourt.http.ErrorType;
import dev.forecourt.http.HeaderNames;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The answer Forecourt gives when it answers itself: {@code forecourt-error} and {@code forecourt-hop} headers, and a
 * short text saying what arrived, what was expected and the likely fix. Nothing here is an upstream's word. Without
 * a detail (a client that is not told internals: {@code ErrorsConfig}), the line says what happened in general terms.
 */
public final class ErrorPage {
    private ErrorPage() {}

    public static FullHttpResponse render(ErrorType type, HttpResponseStatus status, String hop, String detail,
                                          String fix, String requestId) {
        StringBuilder b = new StringBuilder(256)
                .append(type.code()).append(" at ").append(hop).append(": ").append(detail != null ? detail : summary(type)).append('\n')
                .append("Likely fix: ").append(fix != null ? fix : usualFix(type)).append('\n');
        if (requestId != null) {
            b.append("Request id: ").append(requestId).append('\n');
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().set(HeaderNames.FORECOURT_ERROR, type.code());
        r.headers().set(HeaderNames.FORECOURT_HOP, hop);
        return r;
    }

    /** What happened, in words that name nothing internal: for clients that are not told the detail. */
    public static String summary(ErrorType type) {
        return switch (type) {
            case NO_ROUTE -> "this hop serves nothing for the Host that arrived";
            case NO_HEALTHY_UPSTREAM -> "no instance behind this hop is healthy";
            case UPSTREAM_CONNECT_FAILURE -> "the upstream could not be reached";
            case UPSTREAM_TLS_FAILURE -> "TLS with the upstream failed";
            case UPSTREAM_TIMEOUT -> "the upstream did not answer in time";
            case UPSTREAM_RESET -> "the upstream closed the connection";
            case UPSTREAM_BAD_RESPONSE -> "the upstream's answer was not valid HTTP";
            case INTERNAL_ERROR -> "something failed inside this hop";
            default -> "the request was refused (" + type.status().code() + " " + type.status().reasonPhrase() + ")";
        };
    }

    public static String usualFix(ErrorType type) {
        return switch (type) {
            case NO_ROUTE -> "send a Host this hop serves, or add it to a service's domains. Behind a CDN or API "
                    + "gateway, have that hop send the origin's own domain as Host (AllViewerExceptHostHeader, "
                    + "overwrite:header.Host) instead of the viewer's.";
            case BAD_REQUEST -> "fix the client: the request does not follow RFC 9112.";
            case REQUEST_TIMEOUT -> "send the whole request promptly (its head within limits.headerTimeout, its body"
                    + " without a pause as long as limits.idleTimeout), or raise them.";
            case URI_TOO_LONG -> "shorten the URL, or raise limits.maxRequestLine.";
            case HTTP_VERSION_NOT_SUPPORTED -> "speak HTTP/1.1, or HTTP/2 as HTTP/2 (h2c with prior knowledge, or h2 by"
                    + " ALPN over TLS).";
            case REQUEST_HEADER_TOO_LARGE -> "send fewer or smaller headers (large cookies?), or raise limits.maxHeaderSize.";
            case THROTTLED -> "slow down, or raise the throttling limit.";
            case NO_HEALTHY_UPSTREAM -> "start an instance, or fix its health check (see forecourt_upstream_healthy on /metrics).";
            case UPSTREAM_CONNECT_FAILURE -> "check that the instance listens on that address and port.";
            case UPSTREAM_TLS_FAILURE -> "make the SNI name match a name on the upstream's certificate, and trust the CA that signed it.";
            case UPSTREAM_TIMEOUT -> "make the upstream answer sooner, or raise its timeout.";
            case UPSTREAM_RESET -> "see why the upstream closed the connection (its logs, its keep-alive timeout).";
            case UPSTREAM_BAD_RESPONSE -> "check that the upstream speaks HTTP/1.1 on that port (TLS port reached in cleartext?).";
            case INTERNAL_ERROR -> "this is a Forecourt bug: report it with the request id.";
            case NOT_FOUND -> "ask for something this service has (its index page lists what it serves).";
            case UNAUTHORIZED -> "send Authorization: Bearer TOKEN with a valid token (the admin's, or one the route's"
                    + " authorizer accepts: its issuer, audience, and not expired).";
            case FORBIDDEN -> "use a token that carries one of the route's authorizationScopes (scope or scp claim).";
            case METHOD_NOT_ALLOWED -> "use GET or HEAD.";
            case IMAGE_TOO_LARGE -> "convert the image to a tiled pyramidal TIFF (forecourt iiif convert), or raise maxPixels.";
            case NOT_IMPLEMENTED -> "send what this server implements: the detail names what it does not (an image"
                    + " format or quality: info.json lists those it writes).";
            case OVERLOADED -> "retry after the time in Retry-After, or give the service more workers.";
            case NOT_CACHED -> "ask without only-if-cached, or after the object was fetched once.";
        };
    }
}
