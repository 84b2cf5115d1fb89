package dev.forecourt.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.time.Duration;

/**
 * On a TCP listener that terminates TLS (an NLB TLS listener): waits for the client's handshake, then puts the
 * relay in its place, so no target is asked for a connection that never gets past the handshake. A failed
 * handshake ends the connection as {@code client_tls_failure}: one connection-log record, one rate-limited line.
 */
final class TlsRelayStart extends ChannelInboundHandlerAdapter {
    static final String NAME = "tls-relay-start";

    private final Listener listener;
    private final ListenerSpec spec;
    private final long startNanos = System.nanoTime();
    private boolean ended;

    /** Counts the connection while its handshake runs, and takes its record if it ends there. */
    private final TcpRelay accepted;
    private boolean counted;

    /** The relay is the listener's when the handshake ends: a reload meanwhile gives the connection the new one. */
    TlsRelayStart(Listener listener, ListenerSpec spec) {
        this.listener = listener;
        this.spec = spec;
        this.accepted = listener.relay();
    }

    /** Counted once in a pipeline, whose removal ends the count: a handler made and never added holds no count. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        accepted.started(); // a log closes only once this connection's record is in (TcpRelay.open)
        counted = true;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release(null); // the handshake is done (the relay that starts now counts it), or the connection is gone
    }

    /** Ends this handler's count once: with the connection's record, or without (it was handed on, or refused). */
    private void release(RelayRecord r) {
        if (counted) {
            counted = false;
            if (r == null) {
                accepted.handedOver();
            } else {
                accepted.ended(r);
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(evt);
        } else if (done.isSuccess()) {
            ended = true;
            listener.relay().install(ctx.pipeline(), spec, true); // counted there before this lets its count go
            ctx.pipeline().remove(this);
        } else {
            failed(ctx, done.cause());
        }
    }

    /**
     * The connection ended before its handshake did, with no handshake event to say so: the client closed before its
     * ClientHello was whole (the name is chosen from a whole one), or the accept deadline closed it. Still one
     * record: {@code client_tls_failure} after some bytes, {@code client_closed} after none (a TCP health check).
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // (one the connection limit refused has its record, connection_limit, already)
        if (!ended && !ctx.channel().hasAttr(ConnectionLimiter.REFUSED)) {
            ended = true;
            boolean sent = ctx.channel().hasAttr(ClientHelloTap.HELLO); // the tap notes a first read, hello or not
            boolean drained = Listener.closedByListener(ctx.channel());
            record(ctx, drained ? RelayRecord.Reason.LISTENER_CLOSED
                    : sent ? RelayRecord.Reason.CLIENT_TLS_FAILURE : RelayRecord.Reason.CLIENT_CLOSED);
            if (sent && !drained) {
                listener.errors().tlsFailed(ctx, new javax.net.ssl.SSLHandshakeException("the connection ended before"
                        + " the ClientHello was whole (the client closed, or took longer than limits.headerTimeout)"));
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(ctx, cause); // a refused name (requireSni) or bytes that are not TLS, before any completion event
    }

    private void failed(ChannelHandlerContext ctx, Throwable cause) {
        if (ended) {
            return;
        }
        ended = true;
        if (Listener.closedByListener(ctx.channel())) { // closed mid-handshake by a drain: no failure of the client's
            record(ctx, RelayRecord.Reason.LISTENER_CLOSED);
            return;
        }
        // a client that went away mid-handshake reset it; anything TLS says is the handshake's failure
        RelayRecord.Reason why = TlsFailure.isTls(cause) || !(cause instanceof java.io.IOException)
                ? RelayRecord.Reason.CLIENT_TLS_FAILURE : RelayRecord.Reason.CLIENT_RESET;
        record(ctx, why);
        listener.errors().tlsFailed(ctx, cause);
    }


    private void record(ChannelHandlerContext ctx, RelayRecord.Reason why) {
        release(new RelayRecord(spec.name(), ProxyHeader.clientOf(ctx.channel()), null, 0, 0, 0, 0,
                Duration.ofNanos(System.nanoTime() - startNanos), why));
    }
}
