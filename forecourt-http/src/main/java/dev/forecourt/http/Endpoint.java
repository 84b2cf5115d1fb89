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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Endpoint.class);

    /** Finds the address of a name again (DNS, or a {@code resolve:} entry); may block, so never on an event loop. */
    @FunctionalInterface
    public interface Lookup {
        InetSocketAddress lookup() throws Exception;
    }

    private final String name;
    private volatile InetSocketAddress address;
    private final Lookup lookup;              // null: a fixed address
    private final long lookupEveryNanos;
    private volatile long lookedUpNanos;
    private final java.util.concurrent.atomic.AtomicBoolean lookingUp = new java.util.concurrent.atomic.AtomicBoolean();
    private final UpstreamSettings settings;
    private final ConcurrentHashMap<EventLoop, Pool> pools = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    /** {@code name} is how the configuration calls it (host:port), for messages. */
    public Endpoint(String name, InetSocketAddress address, UpstreamSettings settings) {
        this(name, address, null, null, settings);
    }

    private Endpoint(String name, InetSocketAddress address, Lookup lookup, java.time.Duration every, UpstreamSettings settings) {
        this.name = name;
        this.address = address;
        this.lookup = lookup;
        this.lookupEveryNanos = every == null ? 0 : every.toNanos();
        this.lookedUpNanos = System.nanoTime();
        this.settings = settings;
    }

    /**
     * An endpoint whose name is looked up now (failing here if it can't be) and again when a connection is opened
     * more than {@code every} after the last look-up: cloud endpoints (load balancers, App Runner, API Gateway)
     * rotate their addresses. The new look-up runs on a virtual thread; connections meanwhile use the address
     * known, and a failed look-up keeps it (logged).
     */
    public static Endpoint resolving(String name, Lookup lookup, java.time.Duration every, UpstreamSettings settings)
            throws Exception {
        return new Endpoint(name, lookup.lookup(), lookup, every, settings);
    }

    public String name() {
        return name;
    }

    /** The address connections go to now; may start a new look-up in the background (see {@link #resolving}). */
    public InetSocketAddress address() {
        if (lookup != null && System.nanoTime() - lookedUpNanos > lookupEveryNanos && lookingUp.compareAndSet(false, true)) {
            Thread.ofVirtual().name("lookup-" + name).start(this::lookUpAgain);
        }
        return address;
    }

    private void lookUpAgain() {
        try {
            InetSocketAddress now = lookup.lookup();
            if (!now.equals(address)) {
                LOG.info("upstream {} now resolves to {} (was {})", name, now, address);
                address = now;
            }
        } catch (Exception e) {
            LOG.warn("upstream {}: looking up its address again failed ({}); still using {}", name, e.getMessage(), address);
        } finally {
            lookedUpNanos = System.nanoTime();
            lookingUp.set(false);
        }
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

            @Override
            public void onConnection(InetSocketAddress local, InetSocketAddress remote, boolean reused) {
                callback.onConnection(local, remote, reused);
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

    /** Closes the idle pooled connections; a loop that has stopped took its connections with it. */
    @Override
    public void close() {
        closed = true;
        for (Pool p : pools.values()) {
            if (p.loop().isShuttingDown()) {
                continue;
            }
            try {
                p.loop().execute(p::closeIdle);
            } catch (java.util.concurrent.RejectedExecutionException stoppedMeanwhile) {
                // the loop stopped between the question and the task: the same as above
            }
        }
    }
}
