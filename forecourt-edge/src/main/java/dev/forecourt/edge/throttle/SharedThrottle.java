package dev.forecourt.edge.throttle;

import dev.forecourt.edge.config.ClusterConfig;
import dev.forecourt.edge.config.ClusterConfig.FailMode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Buckets shared by every Forecourt process that names the same Redis: one {@code EVALSHA} of {@link BucketScript}
 * per request (about 100 us on loopback; no local lease of tokens, which would strand tokens in an idle process and
 * break the burst as AWS defines it). While Redis cannot be reached ({@link RedisLink}) each request is decided at
 * once by the fail mode: {@code open} allows it, {@code closed} throttles it, {@code local} takes from this process's
 * own bucket for the key. The local buckets are kept through Redis's outages and returns (they only matter while it
 * is down).
 */
final class SharedThrottle implements Throttle {
    private final FailMode mode;
    private final LocalThrottle local;
    private final ThrottleMetrics metrics;
    private final RedisLink link;
    /** What {@code closed} tells a throttled client to wait: until the next probe may have found Redis again. */
    private final long closedWait;

    SharedThrottle(ClusterConfig cluster, RedisLink.Timing timing, LocalThrottle local, MeterRegistry registry) {
        this.mode = cluster.failMode();
        this.local = local;
        this.closedWait = timing.probe().toNanos();
        this.metrics = new ThrottleMetrics(registry, mode, this::shared);
        this.link = new RedisLink(cluster.redisUri(), timing, metrics, mode.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public CompletionStage<Verdict> tryTake(String key, Limit limit, Executor loop) {
        if (limit.blocksAll()) {
            return Verdict.NEVER_NOW;
        }
        StatefulRedisConnection<String, String> c = link.connection();
        if (c == null) {
            return Verdict.now(fallback(key, limit));
        }
        CompletionStage<Long> sent;
        try {
            sent = BucketScript.take(c.async(), key, limit);
        } catch (RuntimeException e) { // Lettuce fails the future as a rule; this is in case it throws instead
            link.failed(c, e);
            return Verdict.now(fallback(key, limit));
        }
        return sent.handleAsync((micros, error) -> {
            if (error != null) {
                link.failed(c, error);
                return Verdict.of(fallback(key, limit));
            }
            return Verdict.of(micros * 1000);
        }, loop);
    }

    /** This request's verdict without Redis: 0 allowed, else nanoseconds to wait. */
    private long fallback(String key, Limit limit) {
        metrics.fallback();
        link.decidedWithout();
        return switch (mode) {
            case OPEN -> 0;
            case CLOSED -> closedWait;
            case LOCAL -> local.take(key, limit);
        };
    }

    /** True while buckets are shared through Redis. */
    boolean shared() {
        return link != null && link.up();
    }

    @Override
    public void close() {
        link.close();
        metrics.close();
        local.close();
    }
}
