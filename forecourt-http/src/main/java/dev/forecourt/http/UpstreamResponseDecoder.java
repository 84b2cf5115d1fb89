package dev.forecourt.http;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Decodes an upstream's responses, and says whether bytes arrived beyond the end of the current one. We never
 * pipeline, so such bytes can only be an upstream that wrote more than it framed (a body longer than its
 * Content-Length): reusing the connection would read them as the start of the next exchange's response (a
 * desync), so the connection is closed instead.
 */
final class UpstreamResponseDecoder extends HttpResponseDecoder {
    private boolean headRequest;

    UpstreamResponseDecoder(HttpDecoderConfig config) {
        super(config);
    }

    /** The request now in flight is a HEAD: its response has no body, whatever its headers say. */
    void headRequest(boolean head) {
        this.headRequest = head;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        return headRequest || super.isContentAlwaysEmpty(msg);
    }

    /** Bytes received and not yet part of any response. */
    boolean holdsStrayBytes() {
        return actualReadableBytes() > 0;
    }
}
