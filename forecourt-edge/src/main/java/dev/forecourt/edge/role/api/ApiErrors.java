package dev.forecourt.edge.role.api;

import dev.forecourt.edge.stage.Errors;
import dev.forecourt.edge.ErrorPage;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.Response;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ForecourtException;
import dev.forecourt.http.HeaderNames;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An API's own errors, in both vocabularies: the body AWS clients parse ({@code {"message":"Not Found"}}) with the
 * HTTP API's status, and ours beside it in headers ({@code forecourt-error}, {@code forecourt-hop}, and
 * {@code forecourt-detail}: what happened and the likely fix, told in full to the clients {@code errors.detail}
 * allows). The log gets {@code $context.error.message} and {@code $context.error.responseType}.
 */
final class ApiErrors implements Stage {
    static final AsciiString FORECOURT_DETAIL = AsciiString.cached("forecourt-detail");
    private static final int MAX_DETAIL = 2000;

    @Override
    public CompletionStage<Response> serve(Exchange x, Service next) {
        CompletionStage<Response> r;
        try {
            r = next.serve(x);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(render(x, e));
        }
        return r.exceptionally(failure -> render(x, failure));
    }

    static Response render(Exchange x, Throwable failure) {
        ForecourtException fe = Errors.noted(x, failure);
        ErrorType type = fe.type();
        GatewayResponse g = GatewayResponse.of(type);
        x.attr(ApiLogFields.ERROR_MESSAGE, g.message());
        x.attr(ApiLogFields.ERROR_RESPONSE_TYPE, g.responseType());
        Response r = Response.of(HttpResponseStatus.valueOf(g.status()), "application/json", g.body());
        ours(r.head().headers(), type, x.hop().id(), x.hop().showsDetailTo(x.connection()) ? fe.getMessage() : null,
                fe.fix());
        return r;
    }

    /** A request the API's connection refused (a malformed or too large head): the same answer, whole. */
    static FullHttpResponse rejection(ErrorType type, String hop, String detail) {
        GatewayResponse g = GatewayResponse.of(type);
        byte[] body = g.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(g.status()),
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json").setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ours(r.headers(), type, hop, detail, null);
        return r;
    }

    /** Our vocabulary beside AWS's: the taxonomy's code, the hop, and what happened with its likely fix. */
    private static void ours(HttpHeaders h, ErrorType type, String hop, String detail, String fix) {
        h.set(HeaderNames.FORECOURT_ERROR, type.code())
                .set(HeaderNames.FORECOURT_HOP, hop)
                .set(FORECOURT_DETAIL, headerText((detail != null ? detail : ErrorPage.summary(type)) + ". Likely fix: "
                        + (fix != null ? fix : ErrorPage.usualFix(type))))
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    }

    /** One header line: printable ASCII (anything else, a client's path included, as '?'), bounded. */
    static String headerText(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_DETAIL));
        for (int i = 0; i < s.length() && b.length() < MAX_DETAIL; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > MAX_DETAIL) b.append("...");
        return b.toString();
    }
}
