package dev.forecourt.edge.runtime;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.trace.Traces;
import dev.forecourt.http.Listener;
import dev.forecourt.http.Transport;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Forecourt: every role of one configuration on shared event loops. {@link #reload} swaps in a new
 * configuration (new requests take it, running ones finish on the old), {@link #drain} stops gracefully.
 */
public final class Forecourt implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Forecourt.class);
    /** How long what an old configuration runs (requests, a retired listener's relayed connections) may finish. */
    private static final Duration RETIRE_WITHIN = Duration.ofSeconds(30);
    private final EventLoopGroup group;
    private final int threads;
    private EventLoopGroup sendfileGroup; // made when a listener sends files and the main group can't sendfile
    private final Metrics metrics = new Metrics();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Listener> listeners = new HashMap<>();
    private final Kept kept = new Kept();             // caches and instance health that outlive a reload
    private final InstantSource clock;                // what "now" is to caches: tests turn it instead of sleeping
    private final Traces traces;                      // traced requests, kept across reloads: GET /traces/ID
    private volatile boolean draining;
    private volatile boolean stopping; // close(): what retires waits for nothing more (its requests were cut)
    private Generation current;
    /** Listeners a reload took away whose connections may still finish: a drain waits for theirs too. */
    private final java.util.Set<Listener> retiring = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The threads that retire what reloads replaced: a stop lets them finish (their logs' last lines) before it ends. */
    private final java.util.Set<Thread> retirers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How long a stop waits for them, once it has closed every connection. */
    private static final Duration RETIRERS_WITHIN = Duration.ofSeconds(5);

    private Forecourt(int threads, InstantSource clock) {
        this.traces = new Traces(Traces.DEFAULT_CAPACITY, InstantSource.system()); // wall time: hops of other processes sort beside these
        this.group = Transport.newGroup(threads, "forecourt");
        this.threads = threads;
        this.clock = clock;
    }

    /**
     * The loops a listener runs on: the main ones, unless it sends files whole and they can't (io_uring). A listener
     * that sends files always gets loops that {@link Transport#sendsFilesWhole} (a distribution's cache counts on it).
     */
    private EventLoopGroup loopsFor(Generation.Plan plan) {
        if (!plan.sendsFiles() || Transport.sendsFilesWhole(group)) {
            return group;
        }
        if (sendfileGroup == null) {
            sendfileGroup = Transport.newSendfileGroup(threads, "forecourt-files");
        }
        return sendfileGroup;
    }

    /** Starts every role in {@code config}; throws (and leaves nothing running) if any part can't start. */
    public static Forecourt start(Config config) throws Exception {
        return start(config, Runtime.getRuntime().availableProcessors());
    }

    public static Forecourt start(Config config, int threads) throws Exception {
        return start(config, threads, InstantSource.system());
    }

    /** {@code clock}: the time caches judge freshness by (a test's clock that it moves on). */
    public static Forecourt start(Config config, int threads, InstantSource clock) throws Exception {
        Forecourt f = new Forecourt(threads, clock);
        try {
            f.apply(config);
        } catch (Exception e) {
            f.close();
            throw e;
        }
        log.info("forecourt started: transport {}{}, {} event loops, listeners {}", Transport.describe(),
                f.sendfileGroup == null ? "" : " (distributions on epoll, for sendfile)", threads, f.addresses());
        return f;
    }

    /** Applies a new configuration. If it can't be built or bound, the old one keeps running and this throws. */
    public synchronized void reload(Config config) throws Exception {
        apply(config);
        log.info("configuration reloaded from {}: listeners {}", config.source(), addresses());
    }

    private void apply(Config config) throws Exception {
        kept.begin();
        Generation next;
        try {
            next = Generation.build(config, group, metrics, inFlight, () -> draining, kept, clock, traces);
        } catch (Exception | Error e) {
            kept.abort();
            throw e;
        }
        Map<String, Listener> started = new HashMap<>();
        try {
            for (Map.Entry<String, Generation.Plan> e : next.plans.entrySet()) {
                Listener existing = listeners.get(e.getKey());
                if (existing == null || !existing.spec().address().equals(e.getValue().spec().address())) {
                    started.put(e.getKey(), start(e.getValue()));
                }
            }
        } catch (Exception e) {
            started.values().forEach(Listener::close);
            next.close();
            kept.abort();
            throw e;
        }
        List<Listener> retired = new java.util.ArrayList<>();
        for (Map.Entry<String, Generation.Plan> e : next.plans.entrySet()) {
            Listener l = started.get(e.getKey());
            if (l == null) {
                Generation.Plan p = e.getValue();
                if (p.relay() != null) {
                    listeners.get(e.getKey()).update(p.spec(), p.relay());
                } else {
                    listeners.get(e.getKey()).update(p.spec(), p.handler());
                }
            } else {
                Listener old = listeners.put(e.getKey(), l);
                if (old != null) {
                    retired.add(retire(old));
                }
            }
        }
        for (String key : new java.util.ArrayList<>(listeners.keySet())) {
            if (!next.plans.containsKey(key)) {
                retired.add(retire(listeners.remove(key)));
            }
        }
        Generation previous = current;
        current = next;
        List<Object> dropped = kept.commit(); // what the new generation no longer uses: closed with the old
        dropped.forEach(Kept::tellDropped);
        next.startChecks();
        if (previous != null) {
            previous.stopChecks();
            // Requests of the old generation may still be running, and connections relayed by its retired
            // listeners, which log to what it drops: close it once they are done (bounded; a dropped connection log
            // waits on for its relays' connections still open, ConnectionLog.close)
            retireLater(() -> {
                awaitIdle(RETIRE_WITHIN.plusSeconds(10),
                        () -> stopping || inFlight.get() == 0 && retired.stream().noneMatch(retiring::contains));
                previous.close();
                if (stopping) { // a log would wait 40 s for the records of connections still open: a stop's few
                    long deadline = System.nanoTime() + Kept.CLOSED_WITHIN.toNanos();
                    dropped.forEach(o -> Kept.closeQuietly(o, deadline));
                } else {
                    dropped.forEach(Kept::closeQuietly);
                }
            });
        }
    }

    private Listener start(Generation.Plan p) throws Exception {
        return p.relay() != null ? Listener.startTcp(p.spec(), p.relay(), group)
                : Listener.start(p.spec(), p.handler(), loopsFor(p));
    }

    private Listener retire(Listener old) {
        old.stopAccepting();
        retiring.add(old);
        retireLater(() -> {
            awaitIdle(RETIRE_WITHIN, () -> stopping || inFlight.get() == 0 && old.relayedConnections() == 0);
            old.closeConnections();
            retiring.remove(old); // their records, written once both sides have closed, the generation waits for
        });
        return old;
    }

    /** Runs {@code work} on a daemon thread of its own that a stop waits for ({@link #close}). */
    private void retireLater(Runnable work) {
        Thread t = Thread.ofPlatform().daemon().name("forecourt-retire").unstarted(() -> {
            try {
                work.run();
            } finally {
                retirers.remove(Thread.currentThread());
            }
        });
        retirers.add(t);
        t.start();
    }

    /** The bound address of a listener: {@code ingress}, {@code ingress-private}, {@code admin}. */
    public synchronized InetSocketAddress address(String key) {
        Listener l = listeners.get(key);
        return l == null ? null : l.address();
    }

    public synchronized Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> m = new java.util.TreeMap<>();
        listeners.forEach((k, l) -> m.put(k, l.address()));
        return m;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public Metrics metrics() {
        return metrics;
    }

    /**
     * Stops accepting, lets running requests and relayed connections finish (up to {@code timeout}), then closes
     * everything.
     */
    public void drain(Duration timeout) {
        draining = true;
        List<Listener> open;
        Generation live;
        synchronized (this) {
            listeners.values().forEach(Listener::stopAccepting);
            open = new java.util.ArrayList<>(listeners.values());
            open.addAll(retiring);
            live = current;
        }
        long start = System.nanoTime();
        awaitIdle(timeout, () -> inFlight.get() == 0);
        // Requests done: the HTTP connections are idle, and so are this process's own upstream connections, which a
        // link of this process may relay (an API's integration through its VPC link): closed first, so that the
        // wait below is for the connections of clients only
        open.stream().filter(l -> l.relay() == null).forEach(Listener::closeConnections); // HTTP ones
        if (live != null) {
            live.closeUpstreams();
        }
        java.util.function.IntSupplier relayed = () -> open.stream().mapToInt(Listener::relayedConnections).sum();
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        boolean idle = awaitIdle(left.isNegative() ? Duration.ZERO : left,
                () -> inFlight.get() == 0 && relayed.getAsInt() == 0);
        log.info("drained: {}", idle ? "all requests and relayed connections finished" : inFlight.get()
                + " requests and " + relayed.getAsInt() + " relayed connections cut off after " + timeout);
        close();
    }

    private static boolean awaitIdle(Duration timeout, java.util.function.BooleanSupplier idle) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return idle.getAsBoolean();
    }

    @Override
    public synchronized void close() {
        stopping = true;
        listeners.values().forEach(Listener::close);
        listeners.clear();
        retiring.forEach(Listener::closeConnections);
        // with every connection closed, what retires the configurations reloads replaced waits for nothing more
        // (stopping: not even for a request still counted as its connection goes): the logs it closes write their
        // last lines now, which its daemon thread might not do before the process ends
        long until = System.nanoTime() + RETIRERS_WITHIN.toNanos();
        for (Thread t : retirers) {
            try {
                t.join(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (current != null) {
            // the records of the connections just closed come a loop turn later, and log to what closes below
            awaitIdle(Duration.ofSeconds(2), () -> current.relaysOpen() == 0);
            current.close();
            current = null;
        }
        kept.close(); // the logs wait for their last records 2 s in all (every connection is closed by now), then
                      // each its writer up to 2 s to write what it holds
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (sendfileGroup != null) {
            sendfileGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
