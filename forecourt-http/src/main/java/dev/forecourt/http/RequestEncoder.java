package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequestEncoder;

/** The upstream side's HTTP/1 request encoder, writing its header section in one copy ({@link HeaderBlock}). */
final class RequestEncoder extends HttpRequestEncoder {
    @Override
    protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
        HeaderBlock.write(headers, buf);
    }
}
