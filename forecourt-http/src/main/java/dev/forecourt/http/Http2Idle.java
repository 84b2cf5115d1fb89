package dev.forecourt.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Closes an HTTP/2 connection (GOAWAY, then close) that has had no open stream for {@code idleTimeout}: the
 * connection-level counterpart of HTTP/1's keep-alive timeout. A client that sends the preface and then nothing,
 * or only PINGs, gets no more time than an idle HTTP/1 client. Streams report their start and end here.
 */
final class Http2Idle extends ChannelInboundHandlerAdapter {
    static final String NAME = "http2-idle";
    private final long nanos;
    private Deadline deadline;
    private int open;

    Http2Idle(Limits limits) {
        this.nanos = limits.idleTimeout().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = new Deadline(ctx.executor(), () -> {
            if (open == 0 && ctx.channel().isActive()) {
                ctx.channel().close(); // from the tail, so that the codec says GOAWAY first
            }
        });
        deadline.in(nanos);
    }

    /** A stream opened (called on the connection's event loop). */
    void streamOpened() {
        open++;
        deadline.off();
    }

    /** A stream closed: with none left, the idle clock starts. */
    void streamClosed() {
        if (--open == 0) {
            deadline.in(nanos);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadline.close();
        super.channelInactive(ctx);
    }
}
