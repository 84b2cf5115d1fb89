package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * An HTTP/1 response encoder told when the response answers HEAD: its framing headers then describe no body. It
 * writes the header section in one copy ({@link HeaderBlock}).
 */
final class ResponseEncoder extends HttpResponseEncoder {
    private boolean headRequest;

    void answeringHead(boolean head) {
        this.headRequest = head;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        return headRequest || super.isContentAlwaysEmpty(msg);
    }

    @Override
    protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
        HeaderBlock.write(headers, buf);
    }
}
