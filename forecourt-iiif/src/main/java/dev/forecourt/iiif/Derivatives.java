package dev.forecourt.iiif;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.forecourt.edge.config.ByteSize;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The derivative cache: finished images by key (the ETag's input, so a changed source never hits). Off unless
 * configured: {@code memory:SIZE} keeps them on the heap, a directory keeps them on disk across restarts (within
 * {@code cacheSize}).
 */
interface Derivatives extends AutoCloseable {
    byte[] get(String key);

    void put(String key, byte[] image);

    /** Lets go of what it holds in memory (the files on disk stay for the next start). */
    @Override
    default void close() {}

    Derivatives OFF = new Derivatives() {
        @Override
        public byte[] get(String key) {
            return null;
        }

        @Override
        public void put(String key, byte[] image) {}
    };

    /** {@code diskBytes}: the budget when {@code spec} names a directory. */
    static Derivatives of(String spec, long diskBytes) throws IOException {
        if (spec == null || spec.isBlank()) {
            return OFF;
        }
        if (spec.startsWith("memory:")) {
            long budget = bytes(spec.substring(7));
            Cache<String, byte[]> cache = Caffeine.newBuilder()
                    .maximumWeight(budget)
                    .weigher((String k, byte[] v) -> v.length + k.length() * 2 + 64)
                    .build();
            return new Derivatives() {
                @Override
                public byte[] get(String key) {
                    return cache.getIfPresent(key);
                }

                @Override
                public void put(String key, byte[] image) {
                    cache.put(key, image);
                }
            };
        }
        return new DiskDerivatives(Path.of(spec), diskBytes);
    }

    /** {@code 256MiB}, {@code 2GiB}: the configuration's size syntax. */
    static long bytes(String s) {
        long n = ByteSize.parse(s);
        if (n <= 0) {
            throw new IllegalArgumentException("cache size '" + s + "' is not a positive size such as 256MiB or 2GiB");
        }
        return n;
    }
}
