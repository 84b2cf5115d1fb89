package dev.forecourt.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/** The keep-alive connections of one {@link Endpoint} on one event loop. Touched only from that loop. */
final class Pool {
    private final Endpoint endpoint;
    private final EventLoop loop;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();

    Pool(Endpoint endpoint, EventLoop loop) {
        this.endpoint = endpoint;
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    void send(HttpRequest head, Body body, UpstreamCallback callback) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(head, body, callback));
            return;
        }
        UpstreamConnection conn;
        while ((conn = idle.pollFirst()) != null) {
            if (conn.takeFromPool()) {
                UpstreamConnection reused = conn;
                callback.onConnection((InetSocketAddress) conn.channel().localAddress(),
                        (InetSocketAddress) conn.channel().remoteAddress(), true);
                conn.send(head, body, retryOnStale(head, body, callback, reused));
                return;
            }
        }
        connect(c -> c.send(head, body, callback), callback);
    }

    /** A pooled connection the upstream closed while it sat idle: send once more on a fresh one if nothing was lost. */
    private UpstreamCallback retryOnStale(HttpRequest head, Body body, UpstreamCallback callback, UpstreamConnection conn) {
        return new UpstreamCallback() {
            @Override
            public void onResponse(io.netty.handler.codec.http.HttpResponse h, Body b) {
                callback.onResponse(h, b);
            }

            @Override
            public void onFailure(ForecourtException f) {
                if (conn.closedBeforeAnyResponse() && body == Body.EMPTY) {
                    connect(c -> c.send(head, body, callback), callback);
                } else {
                    callback.onFailure(f);
                }
            }
        };
    }

    void release(UpstreamConnection conn) {
        if (idle.size() < endpoint.settings().maxIdlePerLoop() && conn.channel().isActive()) {
            idle.addFirst(conn); // LIFO: the warmest connection goes out first
            conn.parkInPool(endpoint.settings().keepAliveTimeout());
        } else {
            conn.channel().close();
        }
    }

    void remove(UpstreamConnection conn) {
        idle.remove(conn);
    }

    void closeIdle() {
        UpstreamConnection c;
        while ((c = idle.pollFirst()) != null) {
            c.channel().close();
        }
    }

    Future<?> probe() {
        Promise<Void> p = loop.newPromise();
        connect(c -> {
            c.channel().close();
            p.setSuccess(null);
        }, new UpstreamCallback() {
            @Override
            public void onResponse(io.netty.handler.codec.http.HttpResponse head, Body body) {}

            @Override
            public void onFailure(ForecourtException f) {
                p.setFailure(f);
            }
        });
        return p;
    }

    /** Connects a new connection: {@code callback} hears of the connection, or of the failure; never of a response. */
    private void connect(Consumer<UpstreamConnection> onReady, UpstreamCallback callback) {
        Consumer<ForecourtException> onFailure = callback::onFailure;
        UpstreamSettings s = endpoint.settings();
        UpstreamResponseDecoder decoder = new UpstreamResponseDecoder(new HttpDecoderConfig()
                .setMaxHeaderSize(64 * 1024).setMaxInitialLineLength(8 * 1024).setMaxChunkSize(64 * 1024));
        UpstreamConnection conn = new UpstreamConnection(this, decoder);
        InetSocketAddress target = endpoint.address(); // one address for this connection (it may be looked up anew)
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channelFactory(Transport.clientChannels(loop, target))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, s.connectTimeout().toMillis()))
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (s.tls() != null) {
                            ch.pipeline().addLast("tls", s.tls().handler(ch.alloc(), s.tls().serverName(),
                                    target.getPort(), s.connectTimeout()));
                        }
                        ch.pipeline().addLast("http1-codec",
                                new CombinedChannelDuplexHandler<>(decoder, new RequestEncoder()));
                        ch.pipeline().addLast("upstream", conn);
                    }
                });
        ChannelFuture connected = b.connect(target);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                onFailure.accept(connectFailure(f.cause(), target));
                return;
            }
            if (s.proxyHeader()) { // first on the wire: before the request, and under the TLS handler's hello (the
                // connect's listeners run before the channel's active event, which starts the handshake)
                ChannelHandlerContext first = connected.channel().pipeline().firstContext();
                first.writeAndFlush(ProxyHeader.encodeLocal(first.alloc()), first.voidPromise());
            }
            callback.onConnection((InetSocketAddress) connected.channel().localAddress(), target, false);
            SslHandler ssl = connected.channel().pipeline().get(SslHandler.class);
            if (ssl == null) {
                onReady.accept(conn);
                return;
            }
            connected.channel().read(); // the handshake needs reads; autoRead is off
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    onReady.accept(conn);
                } else {
                    connected.channel().close();
                    onFailure.accept(TlsFailure.of(endpoint.name(), endpoint.settings().tls(), h.cause()));
                }
            });
        });
    }

    private ForecourtException connectFailure(Throwable cause, InetSocketAddress target) {
        String why = cause instanceof ConnectTimeoutException ? "timed out after " + endpoint.settings().connectTimeout().toMillis() + "ms"
                : cause instanceof ConnectException ? "refused (nothing listens there?)" : rootMessage(cause);
        return new ForecourtException(ErrorType.UPSTREAM_CONNECT_FAILURE,
                "connecting to " + endpoint.name() + " (" + target.getAddress().getHostAddress() + ":"
                        + target.getPort() + ") " + why, cause);
    }

    /** A handshake refused for its TLS versions: the peer's alert (OpenSSL's, the JDK's) or the JDK's own refusal. */
    static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }
}
