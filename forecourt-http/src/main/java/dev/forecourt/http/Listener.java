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
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A bound socket that speaks HTTP/1.1 and HTTP/2 (ALPN over TLS, prior knowledge in cleartext) and hands each
 * request to its {@link RequestHandler}. The pipeline of a connection, named and in order:
 *
 * <pre>
 *   limiter ─▶ accept-deadline ─▶ [tls: plain-on-tls ─▶ sni ─▶ alpn] ─▶ sniff(h1|h2c) ─▶ … ─▶ connection-errors
 *     h1: http1-decoder (strict) ─▶ http1-encoder ─▶ exchange
 *     h2: http2-idle ─▶ http2-codec ─▶ http2-multiplex ─▶ per stream: http2-to-http ─▶ exchange
 * </pre>
 *
 * accept-deadline gives a new connection {@code headerTimeout} to reach a codec (handshake, sniff); then the
 * codec's timers take over: HTTP/1's head and keep-alive timers, HTTP/2's idle timer (no open stream). The codecs
 * go in before connection-errors, which stays last: what no handler dealt with is one rate-limited log line.
 *
 * The handler can be swapped at any time ({@link #handler(RequestHandler)}): requests already running finish
 * with the handler they started with. That is how configuration reloads keep in-flight requests.
 */
public final class Listener implements AutoCloseable {
    private static final AttributeKey<String> SNI = AttributeKey.valueOf("forecourt.sni");
    private volatile ListenerSpec spec;
    private volatile RequestHandler handler;
    private final ConnectionLimiter limiter;
    private final ConnectionErrors errors;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel server;

    private Listener(ListenerSpec spec, RequestHandler handler) {
        this.spec = spec;
        this.handler = handler;
        this.limiter = new ConnectionLimiter(spec.limits().maxConnections());
        this.errors = new ConnectionErrors(spec.name());
    }

    /** Binds and starts accepting; throws if the address can't be bound, naming the listener and the address. */
    public static Listener start(ListenerSpec spec, RequestHandler handler, EventLoopGroup group)
            throws InterruptedException, java.net.BindException {
        Listener l = new Listener(spec, handler);
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(Transport.serverChannel(group))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
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

    public RequestHandler handler() {
        return handler;
    }

    public void handler(RequestHandler handler) {
        this.handler = handler;
    }

    /**
     * A reload at the same address: new connections get the new TLS and limits (the connection cap stays as
     * bound), new requests the new handler.
     */
    public void update(ListenerSpec spec, RequestHandler handler) {
        if (!spec.address().equals(this.spec.address())) {
            throw new IllegalArgumentException("update() keeps the address " + this.spec.address() + "; got " + spec.address());
        }
        this.spec = spec;
        this.handler = handler;
    }

    /** The bound address (the real port when the spec asked for port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public int openConnections() {
        return limiter.open();
    }

    /** Stops accepting new connections; open ones go on until they finish or {@link #closeConnections}. */
    public void stopAccepting() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }

    public void closeConnections() {
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
        if (spec.tls() != null) {
            p.addBefore(ConnectionErrors.NAME, PlainOnTlsPort.NAME, new PlainOnTlsPort(this));
            p.addBefore(ConnectionErrors.NAME, "sni", new SniHandler(spec.tls().contexts()) {
                @Override
                protected void replaceHandler(ChannelHandlerContext ctx, String hostname, io.netty.handler.ssl.SslContext ssl) throws Exception {
                    ctx.channel().attr(SNI).set(hostname);
                    super.replaceHandler(ctx, hostname, ssl);
                }
            });
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
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(spec.limits().maxConcurrentStreams())
                .maxHeaderListSize(spec.limits().maxHeaderSize());
        p.addBefore(ConnectionErrors.NAME, "http2-codec", Http2FrameCodecBuilder.forServer().initialSettings(settings).validateHeaders(true).build());
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
    private static void codecChosen(ChannelPipeline p) {
        if (p.get(AcceptDeadline.NAME) != null) {
            p.remove(AcceptDeadline.NAME);
        }
    }

    ConnectionInfo connectionInfo(Channel ch, boolean http2) {
        Channel conn = ch instanceof Http2StreamChannel s ? s.parent() : ch;
        SslHandler ssl = conn.pipeline().get(SslHandler.class);
        String sni = conn.attr(SNI).get();
        return new ConnectionInfo(ExchangeHandler.address(conn.remoteAddress()), ExchangeHandler.address(conn.localAddress()),
                ssl != null, sni, http2 ? "HTTP/2.0" : "HTTP/1.1");
    }
}
