package dev.forecourt.edge.function;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs a behavior's functions at one side of the cache: the request function ({@code viewer-request} or
 * {@code origin-request}) on the way in, which may answer at once; the response function on the way out.
 * Either may be null.
 */
public final class FunctionStage implements Stage {
    private final EdgeFunction onRequest;
    private final EdgeFunction onResponse;
    private final boolean requestSetsHost; // known when assembled, not asked per request

    public FunctionStage(EdgeFunction onRequest, EdgeFunction onResponse) {
        this.onRequest = onRequest;
        this.onResponse = onResponse;
        this.requestSetsHost = onRequest != null && onRequest.setsHost();
    }

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        String uri = x.request().uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        if (onRequest != null && onRequest.appliesTo(path)) {
            if (onRequest.redirect() != null) {
                Response r = Response.of(HttpResponseStatus.valueOf(onRequest.redirect().status()),
                        "text/plain; charset=utf-8", "");
                r.head().headers().set("location", EdgeFunction.fill(onRequest.redirect().location(), path, query, x.host()));
                return CompletableFuture.completedFuture(r);
            }
            if (onRequest.respond() != null) {
                EdgeFunction.Generated g = onRequest.respond();
                return CompletableFuture.completedFuture(Response.of(HttpResponseStatus.valueOf(g.status()),
                        g.contentType(), EdgeFunction.fill(g.body(), path, query, x.host())));
            }
            edit(x.request().headers(), onRequest, path, query, x.host());
            if (requestSetsHost) {
                x.functionHost(x.request().headers().get(HttpHeaderNames.HOST));
            }
            if (onRequest.uri() != null || onRequest.query() != null) {
                String p = onRequest.uri() == null ? path : EdgeFunction.fill(onRequest.uri(), path, query, x.host());
                String qs = onRequest.query() == null ? query : EdgeFunction.fill(onRequest.query(), path, query, x.host());
                x.request().setUri(qs == null || qs.isEmpty() ? p : p + "?" + qs);
            }
        }
        CompletionStage<Response> answer = next.serve(x);
        if (onResponse == null || !onResponse.appliesTo(path)) {
            return answer;
        }
        return answer.thenApply(r -> {
            edit(r.head().headers(), onResponse, path, query, x.host());
            return r;
        });
    }

    private static void edit(HttpHeaders h, EdgeFunction f, String path, String query, String host) {
        f.removeHeaders().forEach(h::remove);
        for (Map.Entry<String, String> e : f.setHeaders().entrySet()) {
            h.set(e.getKey(), EdgeFunction.fill(e.getValue(), path, query, host));
        }
    }
}
