package dev.forecourt.iiif;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The derivative cache: finished images by key (the ETag's input, so a changed source never hits). Off unless
 * configured: {@code memory:SIZE} keeps them on the heap, a directory keeps them on disk across restarts.
 */
interface Derivatives {
    byte[] get(String key);

    void put(String key, byte[] image);

    Derivatives OFF = new Derivatives() {
        @Override
        public byte[] get(String key) {
            return null;
        }

        @Override
        public void put(String key, byte[] image) {}
    };

    static Derivatives of(String spec) throws IOException {
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
        return new DiskDerivatives(Path.of(spec), 4L << 30);
    }

    /** {@code 256MiB}, {@code 2GiB}, {@code 512KiB}, or plain bytes. */
    static long bytes(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"}, {"b", "1"}}) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(t);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("cache size '" + s + "' is not a positive size such as 256MiB or 2GiB");
        }
    }
}
