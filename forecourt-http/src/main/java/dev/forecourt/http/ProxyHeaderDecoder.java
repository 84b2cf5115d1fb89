package dev.forecourt.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * First on a listener that requires the PROXY protocol: reads the v2 header, keeps the client address it names
 * ({@link ProxyHeader#CLIENT}, which {@link ConnectionInfo} and the relay take as the client's), then installs the
 * listener's own handlers in its place; the bytes after the header pass on to them. A connection without a valid
 * header is closed with nothing passed on and one rate-limited log line; one that sends too little is closed by the
 * accept deadline, which stays in the pipeline until a codec takes over, and logged so too.
 */
final class ProxyHeaderDecoder extends ByteToMessageDecoder {
    static final String NAME = "proxy-v2";
    private final Listener listener;

    ProxyHeaderDecoder(Listener listener) {
        this.listener = listener;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress peer
                && !listener.spec().proxyPeers().test(peer.getAddress())) {
            in.skipBytes(in.readableBytes());
            listener.errors().proxyHeaderRefused(ctx, new CorruptedFrameException("a PROXY header from " + peer
                    + ", which is not a peer this listener believes such headers from"));
            return;
        }
        ProxyHeader.Addresses header;
        try {
            header = ProxyHeader.decode(in);
        } catch (CorruptedFrameException e) {
            in.skipBytes(in.readableBytes());
            listener.errors().proxyHeaderRefused(ctx, e);
            return;
        }
        if (header == null) {
            return; // more bytes to come
        }
        if (header.source() != null) {
            ctx.channel().attr(ProxyHeader.CLIENT).set(header.source());
        }
        listener.installProtocol(ctx.pipeline());
        ctx.pipeline().remove(this);
    }

    /**
     * The connection ended (the client's close, or the accept deadline's) with part of a header read: refused, with
     * its line. One that sent nothing at all gets none: a TCP health check connects and closes so.
     */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            int got = in.readableBytes();
            in.skipBytes(got);
            listener.errors().proxyHeaderRefused(ctx, new CorruptedFrameException("the connection ended after " + got
                    + " byte" + (got == 1 ? "" : "s") + " of a PROXY header, before its end"));
        }
    }
}
