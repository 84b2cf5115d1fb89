package dev.forecourt.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** A listener's handler for tests: 200 with the text {@code body} makes of each exchange; a refusal, its bare status. */
record TextHandler(Function<ServerExchange, String> body) implements RequestHandler {
    @Override
    public void handle(ServerExchange x) {
        byte[] b = body.apply(x).getBytes(StandardCharsets.UTF_8);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
        x.respond(head, Body.of(Unpooled.wrappedBuffer(b)), ResponseListener.NONE);
    }

    @Override
    public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo c, HttpRequest r) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, type.status());
    }
}
