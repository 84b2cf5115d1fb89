package dev.forecourt.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * From accept until a codec takes the connection (TLS handshake, ALPN, the cleartext sniff of an HTTP/2 preface),
 * the connection has {@code headerTimeout} to get there; else it is closed. Without it a client that connects and
 * sends nothing (or half a preface) would hold its connection, and its place under maxConnections, for ever.
 * The codec's own timers (the HTTP/1 head timer, the HTTP/2 idle timer) take over when it removes this handler.
 */
final class AcceptDeadline extends ChannelInboundHandlerAdapter {
    static final String NAME = "accept-deadline";
    private final long nanos;
    private Deadline deadline;

    AcceptDeadline(Limits limits) {
        this.nanos = limits.headerTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = new Deadline(ctx.executor(), () -> {
            if (ctx.channel().isActive()) {
                ctx.close();
            }
        });
        deadline.in(nanos);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadline.close();
        super.channelInactive(ctx);
    }
}
