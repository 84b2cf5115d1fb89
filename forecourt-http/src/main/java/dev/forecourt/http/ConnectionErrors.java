package dev.forecourt.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http2.Http2Exception;
import java.io.IOException;
import java.net.SocketAddress;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection's pipeline: an error no handler before it dealt with (a failed TLS handshake, a
 * bad HTTP/2 frame) is one log line with the client's address, and the connection is closed. Without it Netty logs
 * each such error with its stack trace, 20 to 30 lines that any client can make us write. Lines are rate-limited
 * per listener ({@link LogLimit}); a reset by the peer is not worth a line at all.
 */
@ChannelHandler.Sharable
final class ConnectionErrors extends ChannelInboundHandlerAdapter {
    static final String NAME = "connection-errors";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionErrors.class);
    private final String listener;
    private final LogLimit limit = new LogLimit(10);

    ConnectionErrors(String listener) {
        this.listener = listener;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(ctx, cause, what(cause));
    }

    /** A listener that requires the PROXY protocol got a connection without a valid header. */
    void proxyHeaderRefused(ChannelHandlerContext ctx, Throwable cause) {
        failed(ctx, cause, "missing or malformed PROXY protocol v2 header");
    }

    /** The TLS handlers' failures, whatever the exception's type: the handshake is what failed. */
    void tlsFailed(ChannelHandlerContext ctx, Throwable cause) {
        failed(ctx, cause, "TLS handshake failed");
    }

    /**
     * A failure a handler dealt with itself ({@code what}: an HTTP/2 stream it reset, a connection it closed for a
     * header block too slow): the same rate-limited line, and no close here.
     */
    void logged(ChannelHandlerContext ctx, Throwable cause, String what) {
        log(ctx, cause, what);
    }

    private void failed(ChannelHandlerContext ctx, Throwable cause, String what) {
        ctx.channel().close();
        if (cause instanceof IOException && !(cause instanceof SSLException)) {
            LOG.debug("{}: connection from {} ended: {}", listener, client(ctx), Pool.rootMessage(cause));
            return;
        }
        log(ctx, cause, what);
    }

    private void log(ChannelHandlerContext ctx, Throwable cause, String what) {
        long suppressed = limit.take();
        if (suppressed < 0) {
            return;
        }
        String more = suppressed > 0 ? " (" + suppressed + " more like it not logged)" : "";
        LOG.info("{}: {} from {}: {}{}", listener, what, client(ctx), Pool.rootMessage(cause), more);
    }

    private static String what(Throwable cause) {
        if (TlsFailure.isTls(cause)) {
            return "TLS handshake failed";
        }
        if (cause instanceof Http2Exception || cause.getCause() instanceof Http2Exception) {
            return "HTTP/2 protocol error";
        }
        return cause instanceof DecoderException ? "bad input" : "connection failed";
    }

    private static String client(ChannelHandlerContext ctx) {
        io.netty.channel.Channel c = ctx.channel();
        SocketAddress a = ProxyHeader.clientOf(c.parent() != null && !(c.parent() instanceof io.netty.channel.ServerChannel) ? c.parent() : c);
        return a == null ? "?" : a.toString().replaceFirst("^/", "");
    }
}
