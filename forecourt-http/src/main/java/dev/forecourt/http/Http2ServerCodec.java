package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * Netty's HTTP/2 frame codec for a server listener, with one answer of its own: a request's header block over
 * {@code limits.maxHeaderSize} (the SETTINGS_MAX_HEADER_LIST_SIZE it announces) gets the 431 an HTTP/1 head that size
 * gets, in the error taxonomy and logged by the listener's handler, where Netty's is a bare {@code :status: 431} that
 * nothing logs. The RST_STREAM Netty sends after it stays (the client then knows the stream's request went unread). (A block over 1.25 times the limit Netty does not decode at
 * all: that is a connection error, GOAWAY, logged as one by {@link ConnectionErrors}.)
 */
final class Http2ServerCodec extends Http2FrameCodec {
    private final Listener listener;

    private Http2ServerCodec(Listener listener, Http2ConnectionEncoder encoder, Http2ConnectionDecoder decoder,
            Http2Settings settings, boolean decoupleCloseAndGoAway, boolean flushPreface) {
        super(encoder, decoder, settings, decoupleCloseAndGoAway, flushPreface);
        this.listener = listener;
    }

    /** The codec for {@code listener}, announcing {@code settings}; headers validated as they are decoded. */
    static Http2FrameCodec of(Listener listener, Http2Settings settings) {
        return new Builder(listener).initialSettings(settings).validateHeaders(true).build();
    }

    /**
     * A stream error on a stream that never opened (its header block broke a rule of HTTP/2's, such as an uppercase
     * name) reaches no exchange: Netty resets the stream and logs nothing, so it is one (rate-limited) line here. A
     * header block over the limit is not one of them: its 431 is logged as an answer.
     */
    @Override
    public void onError(ChannelHandlerContext ctx, boolean outbound, Throwable cause) {
        if (!outbound && Http2CodecUtil.getEmbeddedHttp2Exception(cause) instanceof Http2Exception.StreamException e
                && !(e instanceof Http2Exception.HeaderListSizeException) && connection().stream(e.streamId()) == null
                && ctx.pipeline().get(ConnectionErrors.NAME) instanceof ConnectionErrors errors) {
            errors.logged(ctx, cause, "malformed HTTP/2 request, its stream reset");
        }
        super.onError(ctx, outbound, cause);
    }

    @Override
    protected void handleServerHeaderDecodeSizeError(ChannelHandlerContext ctx, Http2Stream stream) {
        Limits limits = listener.spec().limits();
        FullHttpResponse page = listener.handler().reject(ErrorType.REQUEST_HEADER_TOO_LARGE,
                "the request header section is larger than " + limits.maxHeaderSize() + " bytes (limits.maxHeaderSize)",
                listener.connectionInfo(ctx.channel(), true), null);
        ByteBuf body = page.content();
        Http2Headers headers = HttpConversionUtil.toHttp2Headers(page, false);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        boolean bodyless = !body.isReadable();
        encoder().writeHeaders(ctx, stream.id(), headers, 0, bodyless, ctx.newPromise());
        if (bodyless) {
            body.release();
        } else {
            encoder().writeData(ctx, stream.id(), body, 0, true, ctx.newPromise());
            try { // out now, as the window allows: the RST_STREAM Netty writes next would drop it queued
                encoder().flowController().writePendingBytes();
            } catch (Http2Exception e) {
                ctx.fireExceptionCaught(e);
            }
        }
    }

    private static final class Builder extends Http2FrameCodecBuilder {
        private final Listener listener;

        Builder(Listener listener) {
            this.listener = listener;
            server(true);
            gracefulShutdownTimeoutMillis(0); // as forServer() has it
        }

        @Override
        protected Http2FrameCodec build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            Http2ServerCodec codec = new Http2ServerCodec(listener, encoder, decoder, settings, decoupleCloseAndGoAway(),
                    flushPreface());
            codec.gracefulShutdownTimeoutMillis(gracefulShutdownTimeoutMillis());
            return codec;
        }
    }
}
