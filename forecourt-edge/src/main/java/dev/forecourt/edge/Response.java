package dev.forecourt.edge;

import dev.forecourt.http.Body;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** A response head and its (streaming) body. The head's headers may be edited by stages on the way back. */
public record Response(HttpResponse head, Body body) {

    /** Splits a whole in-memory message into a head and a body. */
    public static Response of(FullHttpResponse full) {
        HttpResponse head = new DefaultHttpResponse(full.protocolVersion(), full.status(), full.headers());
        return new Response(head, Body.of(full.content()));
    }

    /** A small local response held in memory. */
    public static Response of(HttpResponseStatus status, String contentType, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return new Response(head, Body.of(Unpooled.wrappedBuffer(bytes)));
    }
}
