package dev.forecourt.edge.throttle;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection to Redis and whether it is up. Up: {@link #connection} hands it out. A command that fails (the
 * connection closed, refused, timed out) marks it down: that first failure logs the outage once, counts it, and
 * starts one probe that tries a new connection every {@code probe} interval in the background; while down,
 * {@link #connection} is null and callers decide without Redis, paying no round trip and no timeout. The probe
 * that connects logs the return and hands the new connection out.
 *
 * <p>Lettuce's own reconnection is off (and commands are refused while disconnected rather than queued), so that
 * there is one way back, with a known interval, and no request waits on a queue for a Redis that is gone. Lettuce
 * runs its own two small threads (one I/O, one for timers); commands are pipelined on the one connection.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    static {
        // Lettuce on epoll: with io_uring also on the class path (forecourt-http's), it would warn at every
        // connection that it chose epoll; unless the operator chose otherwise
        if (System.getProperty("io.lettuce.core.iouring") == null) {
            System.setProperty("io.lettuce.core.iouring", "false");
        }
    }

    /**
     * {@code command}: how long a request may wait for Redis before it counts as down (once per outage: later
     * requests do not ask); {@code connect}: a connection attempt's limit; {@code probe}: the interval between them.
     */
    record Timing(Duration command, Duration connect, Duration probe) {
        static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    private final RedisURI uri;
    private final String shown;
    private final Timing timing;
    private final ThrottleMetrics metrics;
    private final String failMode;
    private final ClientResources resources;
    private final RedisClient client;
    private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();
    private final LongAdder decidedWithout = new LongAdder();
    private volatile boolean closed;
    private volatile long downSince;

    /** Connects before returning (waits up to {@code timing.connect}); unreachable: starts down, and probing. */
    RedisLink(String redisUri, Timing timing, ThrottleMetrics metrics, String failMode) {
        this.uri = RedisURI.create(redisUri);
        this.uri.setTimeout(timing.command());
        this.shown = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort(); // no password
        this.timing = timing;
        this.metrics = metrics;
        this.failMode = failMode;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timing.command()))
                .socketOptions(SocketOptions.builder().connectTimeout(timing.connect()).build())
                .build());
        try {
            connection.set(client.connect(StringCodec.UTF8, uri));
        } catch (RuntimeException e) {
            down("not reachable at start", e);
        }
    }

    /** The connection while Redis is up; null while it is down (decide without it). */
    StatefulRedisConnection<String, String> connection() {
        return connection.get();
    }

    boolean up() {
        return connection.get() != null;
    }

    /** A request was decided without Redis (told in the log line when Redis returns). */
    void decidedWithout() {
        decidedWithout.increment();
    }

    /**
     * A command on {@code used} failed: Redis is down, unless a newer connection has already replaced it (a late
     * failure of the old one). Only the first failure of an outage logs and probes.
     */
    void failed(StatefulRedisConnection<String, String> used, Throwable cause) {
        if (connection.compareAndSet(used, null)) {
            used.closeAsync();
            down("unreachable", cause);
        }
    }

    private void down(String what, Throwable cause) {
        downSince = System.nanoTime();
        metrics.outage();
        log.warn("throttle: Redis at {} {} ({}); deciding by failMode {} until it returns, trying every {} ms",
                shown, what, message(cause), failMode, timing.probe().toMillis());
        probeLater();
    }

    private void probeLater() {
        if (!closed) {
            resources.eventExecutorGroup().schedule(this::probe, timing.probe().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        if (closed) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, uri).whenComplete((c, error) -> {
            if (error != null) {
                probeLater();
            } else if (closed) {
                c.closeAsync();
            } else {
                long ms = (System.nanoTime() - downSince) / 1_000_000;
                connection.set(c);
                log.info("throttle: Redis at {} is back after {} ms; buckets are shared again ({} requests were "
                        + "decided by failMode {} meanwhile)", shown, ms, decidedWithout.sumThenReset(), failMode);
            }
        });
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Closes the connection and Lettuce's threads (waits at most a few seconds). */
    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<String, String> c = connection.getAndSet(null);
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
    }
}
