package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * On a cleartext listener, tells HTTP/2 with prior knowledge (the connection starts with the h2 preface) from
 * HTTP/1, installs the matching pipeline and steps aside; the bytes read so far pass on to the new handlers.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();
    private final Listener listener;

    ProtocolSniffer(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
        if (!ByteBufUtil.equals(in, in.readerIndex(), PREFACE, 0, n)) {
            listener.configureHttp1(ctx.pipeline());
            ctx.pipeline().remove(this);
        } else if (n == PREFACE.readableBytes()) {
            listener.configureHttp2(ctx.pipeline());
            ctx.pipeline().remove(this);
        }
        // else: a prefix of the preface so far; wait for more bytes
    }
}
