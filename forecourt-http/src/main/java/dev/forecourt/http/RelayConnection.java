package dev.forecourt.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.NotYetConnectedException;
import java.time.Duration;

/**
 * One relayed connection: the client's channel, a channel of its own to the target, and the bytes between them. Both
 * channels run on the client's event loop, so nothing here is shared between threads but the close from elsewhere
 * ({@link #closeFromElsewhere}), which is handed to that loop.
 *
 * <pre>
 *   client channel: … ─▶ relay ──── write ───▶ target channel
 *   target channel:      relay-target ─ write ─▶ client channel
 * </pre>
 *
 * Each side's handler reads its channel and writes to the other {@link OneWriteAtATime}: a buffer being written and
 * what waits behind it; it stops reading while {@link #WAITING_MOST} or more waits and starts again as that drains (so
 * at most a buffer being written, that, and one read are held per direction; but Netty's io_uring channel reads a side
 * that has sent its FIN to its end whatever auto-read says, up to what its socket had received). A FIN from one side
 * shuts down output towards the other once what came before it is written; the other direction flows on; when both
 * sides have sent theirs, both channels close. A reset on one side resets the other. The client is read while the
 * target connects, what it sends waiting until the target has (and, to a TLS target, until the handshake is done).
 */
final class RelayConnection {
    static final String NAME = "relay";
    static final String TARGET_NAME = "relay-target";
    static final String TARGET_TLS_NAME = "relay-target-tls";
    /**
     * What may wait to be written one way, behind the buffer being written, before the side that sent it is no longer
     * read (until it drains): so also what a client may send before its target connects.
     */
    static final int WAITING_MOST = 64 * 1024;
    /**
     * A target's reads start at 16 KiB (HAProxy's buffer size) and adapt from there, 64 B to 64 KiB. Netty's first
     * guess, 2 KiB, took a 10 KiB answer in two reads and a gathering write on a new connection, and kept-alive ones
     * relayed at more CPU too: a keep-alive request 39.3 -> 35.0 us, a new connection 198 -> 150 (io_uring), 412 ->
     * 300 (epoll; interleaved runs, measured). The ingress's upstream connections read an answer in one read already.
     */
    private static final RecvByteBufAllocator TARGET_READS = new AdaptiveRecvByteBufAllocator(64, 16 * 1024, 64 * 1024);

    private final TcpRelay relay;
    private final TcpRelay.Settings settings;
    private final String listener;
    private final Channel client;
    private final Side clientSide = new Side(true);
    private final Side targetSide = new Side(false);
    private final OneWriteAtATime toClient;
    private OneWriteAtATime toTarget;        // with the target's channel
    private final long startNanos = System.nanoTime();
    private final Deadline idle;
    private final boolean startOnAdd;        // installed after a PROXY header: the channel is long active

    private InetSocketAddress clientAddress;
    private RelayTarget chosen;
    private Channel target;
    private boolean started;
    private boolean connected;
    private long bytesIn;                    // client -> target
    private long bytesOut;                   // target -> client
    private RelayRecord.Reason firstFin;     // which side closed first, while the other may still send
    private boolean clientFin;
    private boolean targetFin;
    private int outputsShut;
    private boolean clientOutputShut;        // our FIN has gone to the client
    private boolean targetOutputShut;        // our FIN has gone to the target
    private RelayRecord.Reason cause;        // set once: why the connection ended
    private boolean recorded;
    private ClientHello hello;               // from the client's first bytes, if they were a TLS ClientHello
    private boolean terminated;              // TLS was terminated by the listener: the bytes here are decrypted

    RelayConnection(TcpRelay relay, String listener, Channel client, boolean startOnAdd) {
        this.relay = relay;
        this.startOnAdd = startOnAdd;
        this.settings = relay.settings();
        this.listener = listener;
        this.client = client;
        this.idle = new Deadline(client.eventLoop(), () -> close(RelayRecord.Reason.IDLE_TIMEOUT));
        this.toClient = new OneWriteAtATime(client, false, () -> resume(false));
    }

    Side clientSide() {
        return clientSide;
    }

    /** From any thread: close this connection for {@code why} (a deregistration delay that has run out). */
    void closeFromElsewhere(RelayRecord.Reason why) {
        client.eventLoop().execute(() -> close(why));
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        relay.started();
        client.closeFuture().addListener(f -> maybeRecord());
        clientAddress = ProxyHeader.clientOf(client);
        terminated = client.hasAttr(ClientHelloTap.HELLO); // TLS ended at this listener: what it read of the hello
        hello = terminated ? client.attr(ClientHelloTap.HELLO).get() : null;
        try {
            chosen = relay.picker().pick(clientAddress);
        } catch (RuntimeException e) {
            relay.unexpected(listener, e);
        }
        if (chosen == null) {
            close(RelayRecord.Reason.NO_HEALTHY_TARGET);
            return;
        }
        chosen.opened(this);
        if (client.pipeline().get(SslHandler.class) instanceof SslHandler tls) {
            tls.setWrapDataSize(0); // one record buffer per buffer written (OneWriteAtATime says why)
            client.pipeline().addBefore(client.pipeline().context(tls).name(), OneBufferPerFlush.NAME, new OneBufferPerFlush());
        }
        ChannelFuture connecting = new Bootstrap()
                .group(client.eventLoop())
                .channelFactory(Transport.clientChannels(client.eventLoop(), chosen.address()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.RCVBUF_ALLOCATOR, TARGET_READS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(TARGET_NAME, targetSide); // TLS goes before it once connected()
                    }
                })
                .connect(chosen.address());
        target = connecting.channel();
        toTarget = new OneWriteAtATime(target, true, () -> resume(true));
        target.closeFuture().addListener(f -> maybeRecord());
        // the client is read while the target connects (held in toTarget, up to WAITING_MOST): a client that speaks first
        // saves a turn, as HAProxy's, and its channel reads on as it started (every switch is a syscall: epoll_ctl)
        client.config().setAutoRead(true);
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                connected();
            } else {
                close(RelayRecord.Reason.TARGET_CONNECT_FAILURE);
            }
        });
    }

    private void connected() {
        if (cause != null || !client.isActive()) {
            close(RelayRecord.Reason.CLIENT_CLOSED); // it went while we connected
            return;
        }
        connected = true;
        if (settings.proxyProtocol()) { // first on the wire, before any TLS: a listener reads it before its TLS
            target.writeAndFlush(ProxyHeader.encode(target.alloc(), clientAddress, (InetSocketAddress) client.localAddress()),
                    target.voidPromise());
        }
        idle.in(settings.idleTimeout().toNanos());
        ClientTls tls = settings.targetTls();
        if (tls != null) { // the client's server name goes on, so a target that picks by it still can
            String name = tls.serverName() != null ? tls.serverName() : hello == null ? null : hello.sni();
            SslHandler handler = tls.handler(target.alloc(), name, chosen.address().getPort(), settings.connectTimeout());
            handler.setWrapDataSize(0); // one record buffer per buffer written (OneWriteAtATime says why)
            target.pipeline().addBefore(TARGET_NAME, TARGET_TLS_NAME, handler); // it starts the handshake
            target.pipeline().addBefore(TARGET_TLS_NAME, OneBufferPerFlush.NAME, new OneBufferPerFlush());
        }
        target.config().setAutoRead(true);
        if (tls == null) {
            toTarget.ready(); // what the client sent meanwhile, and its FIN if it came: a client paused for
                              // WAITING_MOST is read again as that is written (resume)
        } // else once the handshake is done (Side.userEventTriggered): a FIN must not cut it short
    }

    /**
     * A buffer from the client ({@code fromClient}) or the target was written: that side is read again if it was paused
     * for what waited behind it and less waits now.
     */
    private void resume(boolean fromClient) {
        Channel reader = fromClient ? client : target;
        OneWriteAtATime out = fromClient ? toTarget : toClient;
        if (cause == null && !(fromClient ? clientFin : targetFin) && out.waiting() < WAITING_MOST
                && !reader.config().isAutoRead()) {
            reader.config().setAutoRead(true);
        }
    }

    /** One side sent its FIN: the other side's output ends once everything before the FIN is written to it. */
    private void fin(boolean fromClient) {
        if (fromClient ? clientFin : targetFin) {
            return;
        }
        if (fromClient) {
            clientFin = true;
        } else {
            targetFin = true;
        }
        if (firstFin == null) {
            firstFin = fromClient ? RelayRecord.Reason.CLIENT_CLOSED : RelayRecord.Reason.TARGET_CLOSED;
        }
        // the other side's output ends once all before the FIN is written (a target still connecting: after that)
        Channel to = fromClient ? target : client;
        OneWriteAtATime out = fromClient ? toTarget : toClient;
        if (out != null) { // null: no target was chosen, and the connection has ended
            out.whenAllWritten(() -> shutdownOutput(to));
        }
    }

    /**
     * All one way is written, its FIN came: passes it on (a failed write went to exceptionCaught: a reset). Where
     * this side speaks TLS, as TLS ends a way: a close_notify first, since a FIN alone is a truncation to a peer that
     * reads to the end (OpenSSL 3: "unexpected eof while reading").
     */
    private void shutdownOutput(Channel ch) {
        boolean speaksTls = ch == client ? terminated : settings.targetTls() != null; // no pipeline walk for plain TCP
        SslHandler tls = speaksTls && cause == null && ch.isActive() ? ch.pipeline().get(SslHandler.class) : null;
        if (tls != null && !tls.engine().isOutboundDone()) {
            tls.closeOutbound().addListener(sent -> sendFin(ch)); // failed: the reset is on its way, sendFin sees it
        } else {
            sendFin(ch);
        }
    }

    private void sendFin(Channel ch) {
        if (cause != null) {
            return;
        }
        if (outputsShut == 1) {
            // the other way is shut already and all of this way is written: nothing flows any more, so close both
            // now rather than shut this output first (Netty makes an exception, stack trace and all, per
            // shutdownOutput: a tenth of a new connection's user time)
            outputsShut++;
            close(firstFin);
        } else if (shutOutputOf(ch)) {
            outputShut(ch);
            if (++outputsShut == 2) {
                close(firstFin); // both FINs passed on: the connection has ended cleanly
            }
        } else if (ch instanceof DuplexChannel d) {
            d.shutdownOutput().addListener(shut -> {
                outputShut(ch);
                if (++outputsShut == 2) {
                    close(firstFin);
                }
            });
        }
    }

    /**
     * Sends a FIN on {@code ch} by shutdown(2) on its own socket, where the transport is native (epoll, io_uring):
     * Netty's shutdownOutput makes an exception, stack trace and all, to fail writes that cannot be pending here (all
     * is written when this runs), a few per cent of a short connection's CPU. False: the caller asks Netty.
     */
    private static boolean shutOutputOf(Channel ch) {
        if (!(ch instanceof UnixChannel u) || !(u.fd() instanceof Socket socket) || !ch.isActive()) {
            return false;
        }
        try {
            socket.shutdown(false, true);
            return true;
        } catch (IOException | NotYetConnectedException e) {
            // ENOTCONN: the peer's reset took the socket while our write completed; Netty's way then, which says
            // what went wrong where it belongs
            return false;
        }
    }

    /**
     * Our FIN has gone out on {@code ch}: from now on its peer's FIN closes {@code ch} (Netty closes a channel that
     * doesn't allow half-closure at its input's end) rather than half-closing it, and {@link Side#channelInactive} takes
     * that close for the FIN it is. Netty would otherwise shutdown(2) the input of a socket by then closed both ways
     * and make an exception, stack trace and all, of the ENOTCONN: 2% of a short connection's CPU (perf, measured).
     */
    private void outputShut(Channel ch) {
        if (ch == client) {
            clientOutputShut = true;
        } else {
            targetOutputShut = true;
        }
        if (ch.isOpen()) {
            ch.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
        }
    }

    /** Ends the connection (the first reason given is the one recorded), resetting the side that did not fail. */
    private void close(RelayRecord.Reason why) {
        if (cause == null) {
            cause = why;
        }
        idle.close();
        toClient.discard();
        if (toTarget != null) {
            toTarget.discard();
        }
        // cut here mid-stream (a deregistration's delay, or a drain's, ran out): both peers are reset, so that neither
        // takes the cut for the stream's end, as a FIN would say to a protocol that ends its message by closing
        boolean cut = why == RelayRecord.Reason.DEREGISTERED || why == RelayRecord.Reason.LISTENER_CLOSED;
        boolean resetClient = why == RelayRecord.Reason.TARGET_RESET || why == RelayRecord.Reason.TARGET_CONNECT_FAILURE
                || why == RelayRecord.Reason.TARGET_TLS_FAILURE || cut;
        if (resetClient && client.isOpen()) {
            client.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        client.close();
        if (target != null) {
            if ((why == RelayRecord.Reason.CLIENT_RESET || cut) && target.isOpen()) {
                target.config().setOption(ChannelOption.SO_LINGER, 0);
            }
            target.close(); // also abandons a connect in progress
        }
        maybeRecord();
    }

    private void maybeRecord() {
        if (recorded || client.isOpen() || (target != null && target.isOpen()) || !started) {
            return;
        }
        recorded = true;
        if (cause == null) { // both closed without passing through close(): only if something closed them directly
            cause = RelayRecord.Reason.CLIENT_CLOSED;
        }
        if (chosen != null) {
            chosen.closed(this);
        }
        // bytes relayed, and read but never passed on (all of it, for a target that could not be reached)
        long droppedIn = toTarget == null ? 0 : toTarget.dropped();
        long droppedOut = toClient.dropped();
        RelayRecord record = new RelayRecord(listener, clientAddress, chosen == null ? null : chosen.address(),
                bytesIn - droppedIn, bytesOut - droppedOut, droppedIn, droppedOut,
                Duration.ofNanos(System.nanoTime() - startNanos), cause);
        relay.ended(record);
        if (relay.watch().active()) {
            relay.watch().closed(facts(), record);
        }
    }

    /** This connection as a watch sees it. */
    private RelayWatch.Facts facts() {
        return new RelayWatch.Facts(listener, (InetSocketAddress) client.localAddress(), clientAddress, hello,
                chosen == null ? null : chosen.address(),
                target == null ? null : (InetSocketAddress) target.localAddress(), settings.proxyProtocol(), terminated,
                settings.targetTls() != null);
    }

    private static boolean isReset(Throwable cause) {
        // ECONNRESET on read, EPIPE on write: the native transports and NIO word them differently, all IOExceptions
        return cause instanceof IOException;
    }

    /** One channel's handler: reads it, writes what it read to the other channel. */
    final class Side extends ChannelInboundHandlerAdapter {
        private final boolean isClient;

        Side(boolean isClient) {
            this.isClient = isClient;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (isClient) {
                ctx.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
                if (startOnAdd) {
                    start();
                } // else at accept: start on channelActive, which the limiter passes on only within the limit
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (isClient) {
                start();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (cause != null || !(msg instanceof ByteBuf b)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (isClient) {
                if (bytesIn == 0 && !terminated) {
                    hello = ClientHello.parse(b); // a handful of lengths read: what the handshake asks for, for trace
                }
                bytesIn += b.readableBytes();
                if (relay.watch().active()) {
                    relay.watch().passing(facts());
                }
            } else {
                bytesOut += b.readableBytes();
            }
            if (connected) {
                idle.in(settings.idleTimeout().toNanos());
            }
            OneWriteAtATime out = isClient ? toTarget : toClient;
            out.write(b); // while the target connects: waits until it has
            if (out.waiting() >= WAITING_MOST) {
                ctx.channel().config().setAutoRead(false); // until resume()
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                fin(isClient);
            } else if (evt instanceof SslCloseCompletionEvent notified && notified.isSuccess()) {
                // its close_notify: it sends no more (its FIN is passed on, after what it sent), and Netty's OpenSSL
                // engine, having received one, sends no more to it either (TLS 1.2's close; TLS 1.3's half-close is not
                // kept): what the other side sends it from now on is dropped, not failed on
                fin(isClient);
                OneWriteAtATime to = isClient ? toClient : toTarget;
                if (to != null) {
                    to.gone();
                }
            } else if (!isClient && evt instanceof SslHandshakeCompletionEvent done) {
                if (done.isSuccess()) {
                    toTarget.ready();
                } else {
                    close(RelayRecord.Reason.TARGET_TLS_FAILURE);
                }
            } else {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (cause == null && (isClient ? clientOutputShut && !clientFin : targetOutputShut && !targetFin)) {
                fin(isClient); // its FIN after ours (see outputShut): the other way is finished, then both close
                return;
            }
            if (isClient && Listener.closedByListener(ctx.channel())) {
                close(RelayRecord.Reason.LISTENER_CLOSED);
            } else {
                close(isClient ? RelayRecord.Reason.CLIENT_CLOSED : RelayRecord.Reason.TARGET_CLOSED);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
            if (cause != null) {
                return; // the connection is ending already (a write our own close failed, say): not the peer's reset
            }
            if (!isClient && TlsFailure.isTls(e)) {
                close(RelayRecord.Reason.TARGET_TLS_FAILURE); // the target's handshake or records, not its socket
                return;
            }
            if (!isReset(e)) {
                relay.unexpected(listener, e);
            }
            close(isClient ? RelayRecord.Reason.CLIENT_RESET : RelayRecord.Reason.TARGET_RESET);
        }
    }
}
