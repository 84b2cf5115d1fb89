package dev.forecourt.edge.app;

import dev.forecourt.edge.ErrorPage;
import dev.forecourt.http.Body;
import dev.forecourt.http.ConnectionInfo;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.JsonString;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.ResponseListener;
import dev.forecourt.http.ServerExchange;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An app that answers with what reached it: method, target, every header, body size. It is the origin of the
 * demo and of tests, because it shows exactly which Host and X-Forwarded-* a chain of hops delivered.
 */
public final class EchoApp implements RequestHandler {
    private final String name;

    public EchoApp(String name) {
        this.name = name;
    }

    @Override
    public void handle(ServerExchange exchange) {
        HttpRequest r = exchange.request();
        Body.drain(exchange.body(), bytes -> {
            if (bytes >= 0) { // else the request broke and its connection is going away
                answer(exchange, r, bytes);
            }
        });
    }

    private void answer(ServerExchange exchange, HttpRequest r, long bodyBytes) {
        StringBuilder b = new StringBuilder(512).append("{\"app\":\"echo\",\"name\":");
        JsonString.append(b, name).append(",\"method\":");
        JsonString.append(b, r.method().name()).append(",\"path\":");
        JsonString.append(b, r.uri()).append(",\"protocol\":");
        JsonString.append(b, exchange.connection().protocol()).append(",\"bodyBytes\":").append(bodyBytes)
                .append(",\"headers\":{");
        boolean first = true;
        for (Map.Entry<String, String> h : r.headers()) {
            if (!first) b.append(',');
            first = false;
            JsonString.append(b, h.getKey().toLowerCase(java.util.Locale.ROOT)).append(':');
            JsonString.append(b, h.getValue());
        }
        b.append("}}\n");
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        head.headers().set(HttpHeaderNames.SERVER, "forecourt-echo");
        exchange.respond(head, Body.of(Unpooled.wrappedBuffer(bytes)), ResponseListener.NONE);
    }

    @Override
    public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo connection, HttpRequest request) {
        return ErrorPage.render(type, type.status(), "app/echo", detail, null, null);
    }
}
