package dev.forecourt.edge.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Token buckets in this process. Bounded: the buckets and their keys weigh at most {@code budgetBytes} (least recently
 * and frequently used out first, Caffeine's W-TinyLFU; weighed by key length too, since a per-client key may carry
 * a header's value of any length), and a bucket is forgotten {@link #LINGER} after it would be full again (a new bucket
 * is full too, so forgetting it changes nothing); so memory follows the keys in use now, not every client ever seen.
 * The linger keeps a key that is used but rarely throttled (its bucket full at every request) from being made anew
 * each time: for a key already known a take is a hash lookup and a compare-and-set, with no allocation. Cache upkeep
 * runs on the caller's thread, in small amortized steps, rather than on a pool.
 */
final class LocalThrottle implements Throttle {
    /** How long a full bucket is remembered after its last take. */
    static final long LINGER = 60_000_000_000L;
    /** About what a bucket costs besides its key's characters: the cache's node, the bucket, its AtomicLong, and
     * the headers of the key's String and array. */
    static final int BUCKET_BYTES = 160;

    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    LocalThrottle(Ticker ticker, long budgetBytes) {
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder()
                .maximumWeight(budgetBytes)
                .weigher((String key, Bucket b) -> BUCKET_BYTES + key.length())
                .expireAfter(new UntilFull())
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public CompletionStage<Verdict> tryTake(String key, Limit limit, Executor loop) {
        return Verdict.now(take(key, limit));
    }

    /** Takes a token: 0 when allowed, else the nanoseconds until one is back ({@link Long#MAX_VALUE}: never). */
    long take(String key, Limit limit) {
        if (limit.blocksAll()) {
            return Long.MAX_VALUE;
        }
        long now = ticker.read();
        Bucket b = buckets.getIfPresent(key);
        if (b == null) {
            long interval = limit.intervalNanos();
            b = buckets.get(key, k -> new Bucket(now, interval));
        }
        return b.take(now, limit);
    }

    /** Buckets held now (after pending upkeep), for tests of the bound. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** What they weigh, in the bytes of {@link #BUCKET_BYTES} and key lengths (after pending upkeep). */
    long weight() {
        buckets.cleanUp();
        return buckets.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    @Override
    public void close() {
        buckets.invalidateAll();
    }

    /** A bucket's entry lives until {@link #LINGER} after the bucket is full again (see {@link Bucket#fullAfter}). */
    private static final class UntilFull implements Expiry<String, Bucket> {
        @Override
        public long expireAfterCreate(String key, Bucket b, long now) {
            return b.fullAfter(now) + LINGER;
        }

        @Override
        public long expireAfterUpdate(String key, Bucket b, long now, long current) {
            return b.fullAfter(now) + LINGER;
        }

        @Override
        public long expireAfterRead(String key, Bucket b, long now, long current) {
            return b.fullAfter(now) + LINGER;
        }
    }
}
