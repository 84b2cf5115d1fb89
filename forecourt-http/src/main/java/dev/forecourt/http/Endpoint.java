package dev.forecourt.http;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream address and how to reach it, with a pool of keep-alive connections per event loop: a request
 * uses a connection of its own loop, so a proxied exchange never changes threads (as Envoy's per-worker pools).
 */
public final class Endpoint implements AutoCloseable {
    private final String name;
    private final InetSocketAddress address;
    private final UpstreamSettings settings;
    private final ConcurrentHashMap<EventLoop, Pool> pools = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    /** {@code name} is how the configuration calls it (host:port), for messages. */
    public Endpoint(String name, InetSocketAddress address, UpstreamSettings settings) {
        this.name = name;
        this.address = address;
        this.settings = settings;
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return address;
    }

    public UpstreamSettings settings() {
        return settings;
    }

    /** Requests sent and not yet answered whole: the least-request balancer reads it. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Sends {@code head} and streams {@code body} over a pooled connection of {@code loop}. A request without a
     * body that meets a pooled connection the upstream had already closed is sent once more on a new one.
     */
    public void exchange(EventLoop loop, HttpRequest head, Body body, UpstreamCallback callback) {
        if (closed) {
            callback.onFailure(new ForecourtException(ErrorType.UPSTREAM_CONNECT_FAILURE, "upstream " + name + " was removed by a reload"));
            return;
        }
        inFlight.incrementAndGet();
        UpstreamCallback counted = new UpstreamCallback() {
            @Override
            public void onResponse(HttpResponse h, Body b) {
                inFlight.decrementAndGet();
                callback.onResponse(h, b);
            }

            @Override
            public void onFailure(ForecourtException f) {
                inFlight.decrementAndGet();
                callback.onFailure(f);
            }
        };
        pool(loop).send(head, body, counted);
    }

    private Pool pool(EventLoop loop) {
        Pool p = pools.get(loop);
        return p != null ? p : pools.computeIfAbsent(loop, l -> new Pool(this, l));
    }

    /** Opens a connection on {@code loop} and reports whether it succeeds (TCP health checks use it). */
    public io.netty.util.concurrent.Future<?> probe(EventLoop loop) {
        return pool(loop).probe();
    }

    @Override
    public void close() {
        closed = true;
        pools.values().forEach(p -> p.loop().execute(p::closeIdle));
    }
}
