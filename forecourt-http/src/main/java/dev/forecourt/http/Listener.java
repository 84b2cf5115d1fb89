package dev.forecourt.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A bound socket: it accepts, counts and caps connections, gives each a deadline to get going, optionally reads a
 * PROXY protocol header first, and drains; then each connection is either HTTP or TCP. An HTTP listener speaks
 * HTTP/1.1 and HTTP/2 (ALPN over TLS, prior knowledge in cleartext) and hands each request to its
 * {@link RequestHandler}; a TCP listener hands each connection to its {@link TcpRelay}. The pipeline of a
 * connection, named and in order:
 *
 * <pre>
 *   limiter ─▶ accept-deadline ─▶ [proxy-v2] ─▶ the protocol's handlers ─▶ connection-errors
 *   HTTP: [tls: plain-on-tls ─▶ sni ─▶ alpn] ─▶ sniff(h1|h2c) ─▶ …
 *     h1: http1-decoder (strict) ─▶ http1-encoder ─▶ exchange
 *     h2: http2-idle ─▶ http2-header-timer ─▶ http2-codec ─▶ http2-multiplex ─▶ per stream: http2-to-http ─▶ exchange
 *   TCP:  [tls: client-hello ─▶ sni ─▶ tls-relay-start] ─▶ relay   (bytes both ways to a target connection)
 * </pre>
 *
 * accept-deadline gives a new connection {@code headerTimeout} to reach a codec (PROXY header, handshake, sniff);
 * then the codec's timers take over: HTTP/1's head and keep-alive timers, HTTP/2's idle timer (no open stream), the
 * relay's connect and idle timers. proxy-v2 ({@link ListenerSpec#proxyProtocol()}) installs the protocol's handlers
 * once the header is read. The codecs go in before connection-errors, which stays last: what no handler dealt with
 * is one rate-limited log line.
 *
 * The handler (or relay) can be swapped at any time ({@link #handler(RequestHandler)}, {@link #update}): requests
 * and relayed connections already running finish with the one they started with. That is how configuration
 * reloads keep in-flight requests.
 */
public final class Listener implements AutoCloseable {
    private static final AttributeKey<String> SNI = AttributeKey.valueOf("forecourt.sni");
    /** Set on a connection that {@link #closeConnections} closes: a drain, not the client, ended it. */
    static final AttributeKey<Boolean> CLOSED_BY_LISTENER = AttributeKey.valueOf("forecourt.closed-by-listener");

    /** Whether {@link #closeConnections} closed this connection. */
    static boolean closedByListener(Channel connection) {
        return connection.hasAttr(CLOSED_BY_LISTENER);
    }
    private volatile ListenerSpec spec;
    private volatile RequestHandler handler; // an HTTP listener's; null on a TCP listener
    private volatile TcpRelay relay;         // a TCP listener's; null on an HTTP listener
    private final ConnectionLimiter limiter;
    private final ConnectionErrors errors;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel server;

    private Listener(ListenerSpec spec, RequestHandler handler, TcpRelay relay) {
        this.spec = spec;
        this.handler = handler;
        this.relay = relay;
        this.limiter = new ConnectionLimiter(spec.limits().maxConnections(), this::refused);
        this.errors = new ConnectionErrors(spec.name());
    }

    /**
     * An HTTP listener: binds and starts accepting; throws if the address can't be bound, naming the listener and the
     * address.
     */
    public static Listener start(ListenerSpec spec, RequestHandler handler, EventLoopGroup group)
            throws InterruptedException, java.net.BindException {
        return bind(new Listener(spec, Objects.requireNonNull(handler, "handler"), null), group, true);
    }

    /**
     * An HTTP listener bound now that accepts no connection until {@link #serve} gives it its handler: a command whose
     * handler takes a while to make (an image engine binding) binds meanwhile, and clients that connect early wait in
     * the kernel's accept queue instead of being refused. Throws as {@link #start} does.
     */
    public static Listener bindPaused(ListenerSpec spec, EventLoopGroup group)
            throws InterruptedException, java.net.BindException {
        return bind(new Listener(spec, null, null), group, false);
    }

    /** Starts accepting a listener {@link #bindPaused bound paused}: every request goes to {@code handler}. */
    public void serve(RequestHandler handler) {
        handler(Objects.requireNonNull(handler, "handler"));
        server.config().setAutoRead(true);
    }

    /**
     * A TCP listener: each connection is relayed to a target by {@code relay}, after a TLS handshake with the client
     * when the spec has TLS (the relay then carries the decrypted bytes). Binds and starts accepting; throws if the
     * address can't be bound.
     */
    public static Listener startTcp(ListenerSpec spec, TcpRelay relay, EventLoopGroup group)
            throws InterruptedException, java.net.BindException {
        return bind(new Listener(spec, null, Objects.requireNonNull(relay, "relay")), group, true);
    }

    private static Listener bind(Listener l, EventLoopGroup group, boolean accepting)
            throws InterruptedException, java.net.BindException {
        ListenerSpec spec = l.spec;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(Transport.serverChannel(group))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, accepting); // else paused until serve()
        Transport.keepAliveForAccepted(bootstrap, group);
        // and no TCP_NODELAY: Netty's socket channels start with it on (setting it again is a setsockopt more)
        ChannelFuture bound = bootstrap
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        l.connections.add(ch);
                        l.initConnection(ch.pipeline());
                    }
                })
                .bind(spec.address()).await();
        if (!bound.isSuccess()) {
            throw BindFailure.of(spec, bound.cause());
        }
        l.server = bound.channel();
        return l;
    }

    public ListenerSpec spec() {
        return spec;
    }

    /** An HTTP listener's request handler; null on a TCP listener. */
    public RequestHandler handler() {
        return handler;
    }

    public void handler(RequestHandler handler) {
        httpOnly();
        this.handler = handler;
    }

    /** A TCP listener's relay; null on an HTTP listener. */
    public TcpRelay relay() {
        return relay;
    }

    /**
     * A reload at the same address: new connections get the new TLS, PROXY requirement and limits (the connection
     * cap stays as bound), new requests the new handler.
     */
    public void update(ListenerSpec spec, RequestHandler handler) {
        httpOnly();
        sameAddress(spec);
        this.spec = spec;
        this.handler = handler;
    }

    /** A reload of a TCP listener: new connections get the new spec and relay, open ones keep theirs. */
    public void update(ListenerSpec spec, TcpRelay relay) {
        if (this.relay == null) {
            throw new IllegalStateException("listener " + this.spec.name() + " is an HTTP listener");
        }
        sameAddress(spec);
        this.spec = spec;
        this.relay = Objects.requireNonNull(relay, "relay");
    }

    private void httpOnly() {
        if (relay != null) {
            throw new IllegalStateException("listener " + spec.name() + " is a TCP listener");
        }
    }

    private void sameAddress(ListenerSpec spec) {
        if (!spec.address().equals(this.spec.address())) {
            throw new IllegalArgumentException("update() keeps the address " + this.spec.address() + "; got " + spec.address());
        }
    }

    /** The bound address (the real port when the spec asked for port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** The open connections (tests read their sockets' options). */
    ChannelGroup connections() {
        return connections;
    }

    public int openConnections() {
        return limiter.open();
    }

    /**
     * The connections a TCP listener relays now (0 for an HTTP listener, whose requests are counted instead): a
     * shutdown or a reload that retires the listener lets them finish, as an HAProxy soft-stop does.
     */
    public int relayedConnections() {
        return relay == null ? 0 : connections.size();
    }

    /** Stops accepting new connections; open ones go on until they finish or {@link #closeConnections}. */
    public void stopAccepting() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }

    public void closeConnections() {
        connections.forEach(ch -> {
            ch.attr(CLOSED_BY_LISTENER).set(Boolean.TRUE); // a relay records why
            if (relay != null) { // a relayed stream cut mid-way is reset (a FIN would say it ended): on its own loop,
                // ahead of the close the group queues there, and never on a socket that closed meanwhile
                ch.eventLoop().execute(() -> {
                    if (ch.isOpen()) {
                        ch.config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
                    }
                });
            }
        });
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        stopAccepting();
        closeConnections();
    }

    private void initConnection(ChannelPipeline p) {
        ListenerSpec spec = this.spec;
        p.addLast("limiter", limiter);
        p.addLast(AcceptDeadline.NAME, new AcceptDeadline(spec.limits()));
        p.addLast(ConnectionErrors.NAME, errors); // stays last: the codecs go in before it
        if (spec.proxyProtocol()) {
            p.addBefore(ConnectionErrors.NAME, ProxyHeaderDecoder.NAME, new ProxyHeaderDecoder(this));
        } else {
            installProtocol(p);
        }
    }

    private void refused(Channel connection) {
        TcpRelay r = relay;
        if (r != null) {
            r.refused(connection, spec);
        }
    }

    ConnectionErrors errors() {
        return errors;
    }

    /** The protocol's handlers, before connection-errors: at accept, or once the PROXY header is read. */
    void installProtocol(ChannelPipeline p) {
        TcpRelay r = relay;
        if (r != null && spec.tls() != null) { // TLS terminated here; the relay starts once the handshake is done
            p.addBefore(ConnectionErrors.NAME, ClientHelloTap.NAME, new ClientHelloTap());
            p.addBefore(ConnectionErrors.NAME, "sni", new SniSelector(spec.tls(), SNI));
            p.addBefore(ConnectionErrors.NAME, TlsRelayStart.NAME, new TlsRelayStart(this, spec));
            return;
        }
        if (r != null) {
            r.install(p, spec, spec.proxyProtocol());
            return;
        }
        if (spec.tls() != null) {
            p.addBefore(ConnectionErrors.NAME, PlainOnTlsPort.NAME, new PlainOnTlsPort(this));
            p.addBefore(ConnectionErrors.NAME, "sni", new SniSelector(spec.tls(), SNI));
            p.addBefore(ConnectionErrors.NAME, "alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                @Override
                protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                    errors.tlsFailed(ctx, cause); // one line, rate-limited, instead of Netty's stack trace
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    errors.tlsFailed(ctx, cause); // likewise (Netty's handler logs a stack trace here too)
                }

                @Override
                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                        configureHttp2(ctx.pipeline());
                    } else {
                        configureHttp1(ctx.pipeline());
                    }
                }
            });
        } else {
            p.addBefore(ConnectionErrors.NAME, "sniff", new ProtocolSniffer(this));
        }
    }

    void configureHttp1(ChannelPipeline p) {
        codecChosen(p);
        StrictRequestDecoder decoder = new StrictRequestDecoder(spec.limits());
        ResponseEncoder encoder = new ResponseEncoder();
        p.addBefore(ConnectionErrors.NAME, "http1-decoder", decoder);
        p.addBefore(ConnectionErrors.NAME, "http1-encoder", encoder);
        p.addBefore(ConnectionErrors.NAME, "exchange", new ExchangeHandler(this, false, decoder, encoder));
    }

    void configureHttp2(ChannelPipeline p) {
        codecChosen(p);
        Http2Idle idle = new Http2Idle(spec.limits());
        p.addBefore(ConnectionErrors.NAME, Http2Idle.NAME, idle);
        p.addBefore(ConnectionErrors.NAME, Http2HeaderBlockTimer.NAME, new Http2HeaderBlockTimer(spec.limits()));
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(spec.limits().maxConcurrentStreams())
                .maxHeaderListSize(spec.limits().maxHeaderSize());
        p.addBefore(ConnectionErrors.NAME, "http2-codec", Http2ServerCodec.of(this, settings));
        p.addBefore(ConnectionErrors.NAME, "http2-multiplex", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                idle.streamOpened();
                ch.closeFuture().addListener(f -> idle.streamClosed());
                ch.pipeline().addLast("http2-to-http", new Http2StreamFrameToHttpObjectCodec(true));
                ch.pipeline().addLast("exchange", new ExchangeHandler(Listener.this, true, null, null));
            }
        }));
    }

    /** The codec's timers take over from the accept deadline. */
    static void codecChosen(ChannelPipeline p) {
        if (p.get(AcceptDeadline.NAME) != null) {
            p.remove(AcceptDeadline.NAME);
        }
    }

    ConnectionInfo connectionInfo(Channel ch, boolean http2) {
        Channel conn = ch instanceof Http2StreamChannel s ? s.parent() : ch;
        SslHandler ssl = conn.pipeline().get(SslHandler.class);
        String sni = conn.attr(SNI).get();
        return new ConnectionInfo(ProxyHeader.clientOf(conn), ExchangeHandler.address(conn.localAddress()),
                ssl != null, sni, http2 ? "HTTP/2.0" : "HTTP/1.1");
    }
}
