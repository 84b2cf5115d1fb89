package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.http.Body;
import dev.forecourt.http.ForecourtException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A distribution's custom error pages (the cloud's {@code customErrorResponses} with a {@code responsePagePath}): an
 * answer whose status is named, from the origin, the cache or the edge itself (an origin it cannot reach), is
 * replaced by the page, fetched as a GET through the behavior whose pattern matches the page's path (its cache and its
 * origin, as the cloud does: pages often live in a bucket of their own), with the named response code or the error's
 * own. The error's body is still read through, so that the cache keeps the error for its minimum TTL and the origin
 * that failed is not asked again meanwhile. When the page cannot be had (a failure, or not a 2xx), the error goes out
 * as it came.
 */
final class ErrorPages implements Service {
    /** A page and the status it goes out with (0: the error's own). */
    record Page(String path, int status) {}

    private final Map<Integer, Page> pages;
    private final Service behaviors;

    ErrorPages(Map<Integer, Page> pages, Service behaviors) {
        this.pages = Map.copyOf(pages);
        this.behaviors = behaviors;
    }

    @Override
    public CompletionStage<Response> serve(Exchange x) {
        HttpRequest asked = copy(x.request()); // the rooms behind edit the head in place for the origin
        return behaviors.serve(x).handle((r, failure) -> {
            ForecourtException fe = failure == null ? null : edgeError(failure);
            int status = r != null ? r.head().status().code() : fe != null ? fe.type().status().code() : 0;
            Page page = pages.get(status);
            if (page == null) {
                return r != null ? CompletableFuture.completedFuture(r) : CompletableFuture.<Response>failedFuture(failure);
            }
            return withPage(x, asked, page, status, r, failure, fe);
        }).thenCompose(c -> c);
    }

    private CompletionStage<Response> withPage(Exchange x, HttpRequest asked, Page page, int status, Response error,
                                               Throwable failure, ForecourtException fe) {
        HttpHeaders h = new DefaultHttpHeaders(false).set(asked.headers());
        // they describe the object asked for, not the page: a 304 or a range of the page would make no sense here
        h.remove(HttpHeaderNames.IF_NONE_MATCH).remove(HttpHeaderNames.IF_MODIFIED_SINCE)
                .remove(HttpHeaderNames.IF_MATCH).remove(HttpHeaderNames.IF_UNMODIFIED_SINCE)
                .remove(HttpHeaderNames.IF_RANGE).remove(HttpHeaderNames.RANGE)
                .remove(HttpHeaderNames.CONTENT_LENGTH).remove(HttpHeaderNames.TRANSFER_ENCODING);
        HttpMethod method = asked.method().equals(HttpMethod.HEAD) ? HttpMethod.HEAD : HttpMethod.GET;
        Exchange fetch = x.fork(new DefaultHttpRequest(asked.protocolVersion(), method, page.path(), h));
        fetch.functionHost(null); // the page's own behavior decides its Host
        CompletionStage<Response> pageAnswer;
        try {
            pageAnswer = behaviors.serve(fetch);
        } catch (RuntimeException e) {
            pageAnswer = CompletableFuture.failedFuture(e);
        }
        return pageAnswer.handle((p, pageFailure) -> {
            int code = p == null ? 0 : p.head().status().code();
            if (code < 200 || code > 299) {
                if (p != null) {
                    p.body().cancel();
                }
                return error != null ? CompletableFuture.completedFuture(error)
                        : CompletableFuture.<Response>failedFuture(failure);
            }
            if (error != null) {
                Body.drain(error.body(), n -> {}); // read through: the cache keeps the error for its minimum TTL
            } else {
                x.error(fe.type()); // the access log still says what went wrong
            }
            HttpResponseStatus out = HttpResponseStatus.valueOf(page.status() == 0 ? status : page.status());
            HttpResponse head = new DefaultHttpResponse(p.head().protocolVersion(), out, p.head().headers());
            if (fe != null && error == null) { // our own failure behind the page: the taxonomy still names it
                head.headers().set(dev.forecourt.http.HeaderNames.FORECOURT_ERROR, fe.type().code());
                head.headers().set(dev.forecourt.http.HeaderNames.FORECOURT_HOP, x.hop().id());
            }
            return CompletableFuture.completedFuture(new Response(head, p.body()));
        }).thenCompose(c -> c);
    }

    /** An error the edge made itself (an origin it could not reach, ...), or null for anything else. */
    private static ForecourtException edgeError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof ForecourtException fe ? fe : null;
    }

    private static HttpRequest copy(HttpRequest r) {
        return new DefaultHttpRequest(r.protocolVersion(), r.method(), r.uri(), new DefaultHttpHeaders(false).set(r.headers()));
    }
}
