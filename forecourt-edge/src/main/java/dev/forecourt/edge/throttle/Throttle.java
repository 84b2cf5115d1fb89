package dev.forecourt.edge.throttle;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.forecourt.edge.config.ClusterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Token buckets by key, the throttling of an API (API Gateway's {@code rateLimit}/{@code burstLimit}): the role
 * builds a key per bucket (the API, the route, and with per-client keys the client's value) and asks for a token on
 * every request. {@link #local} keeps the buckets in this process; {@link #shared} keeps them in Redis, so that
 * several Forecourt processes draw on one bucket, and falls back to the configured {@code failMode} while Redis
 * cannot be reached. Both are made once and kept across reloads ({@code Assembly.keep}), so a reload does not refill
 * every bucket.
 */
public interface Throttle extends AutoCloseable {
    /** What a process's local buckets may weigh, keys included: some 100,000 buckets of short keys. */
    long LOCAL_BUDGET_BYTES = 16L << 20;

    /**
     * Takes a token from {@code key}'s bucket, sized by {@code limit}. Never blocks. The stage completes on
     * {@code loop} (the exchange's event loop): at once, already complete, when the decision is local (local
     * buckets, or a fallback while Redis is down); after one Redis round trip when it is shared. An allowed local
     * decision allocates nothing. The stage never fails: a Redis error is decided by the fail mode.
     */
    CompletionStage<Verdict> tryTake(String key, Limit limit, Executor loop);

    /** Stops: closes a Redis connection and its client threads (waits a bounded time). */
    @Override
    void close();

    /** Buckets in this process, on the system's monotonic clock. */
    static Throttle local() {
        return new LocalThrottle(Ticker.systemTicker(), LOCAL_BUDGET_BYTES);
    }

    /** Buckets in the Redis of {@code cluster}, with its fail mode; meters in {@code registry}. */
    static Throttle shared(ClusterConfig cluster, MeterRegistry registry) {
        return new SharedThrottle(cluster, RedisLink.Timing.DEFAULT, new LocalThrottle(Ticker.systemTicker(), LOCAL_BUDGET_BYTES),
                registry);
    }

    /** {@link #shared} when the configuration has a {@code cluster}, else {@link #local}. */
    static Throttle of(ClusterConfig cluster, MeterRegistry registry) {
        return cluster == null ? local() : shared(cluster, registry);
    }
}
