package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;

/**
 * On a TLS listener, looks at the first byte: a TLS record (handshake 0x16, or an SSLv2-style hello) passes on to
 * the TLS handlers; an ASCII letter is a plain HTTP request sent to a TLS port, answered {@code 400 bad_request} in
 * plain HTTP with a line saying so (as nginx does), then closed. Without it such a client gets an empty reply and
 * no idea why.
 */
final class PlainOnTlsPort extends ByteToMessageDecoder {
    static final String NAME = "plain-on-tls";
    private final Listener listener;

    PlainOnTlsPort(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        byte first = in.getByte(in.readerIndex());
        if (first < 'A' || first > 'Z') {
            ctx.pipeline().remove(this); // TLS (or garbage, which the TLS handler refuses): the bytes pass on
            return;
        }
        in.skipBytes(in.readableBytes());
        ListenerSpec spec = listener.spec();
        FullHttpResponse page = listener.handler().reject(ErrorType.BAD_REQUEST, "a plain HTTP request was sent to "
                + spec.address() + ", a TLS port: use https:// (or the listener's cleartext address)",
                listener.connectionInfo(ctx.channel(), false), null);
        page.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(page, page.content().readableBytes());
        ctx.pipeline().addAfter(NAME, "http1-encoder", new ResponseEncoder());
        ctx.channel().writeAndFlush(page).addListener(ChannelFutureListener.CLOSE); // from the tail: through the encoder
    }
}
