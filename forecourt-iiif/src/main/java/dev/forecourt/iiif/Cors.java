package dev.forecourt.iiif;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.http.Body;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Images and their information are public: any page may read them (the IIIF {@code cors} feature), errors included,
 * and the headers a viewer needs (Link, ETag) are exposed. Preflights are answered here.
 */
final class Cors implements Stage {
    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        HttpHeaders req = x.request().headers();
        if (x.request().method() == HttpMethod.OPTIONS && req.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
            HttpHeaders h = head.headers();
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS");
            String asked = req.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
            if (asked != null) {
                h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, asked);
            }
            h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
            return CompletableFuture.completedFuture(new Response(head, Body.EMPTY));
        }
        return next.serve(x).thenApply(r -> {
            HttpHeaders h = r.head().headers();
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Link, ETag, Server-Timing");
            return r;
        });
    }
}
