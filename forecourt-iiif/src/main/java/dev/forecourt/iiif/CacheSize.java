package dev.forecourt.iiif;

import dev.forecourt.edge.config.Values;

/**
 * The derivative cache's budget on disk ({@code cacheSize} in the app's settings, {@code --cache-size} on the
 * command line), in the configuration's size syntax. It sizes a directory cache only: {@code memory:SIZE} carries
 * its own size, and without {@code cache} there is nothing to size, so either is said rather than ignored.
 */
public final class CacheSize {
    /** As before the setting existed. */
    public static final long DEFAULT = 4L << 30;

    private CacheSize() {}

    /** Null if {@code size} is a size that may go with this {@code cache} setting, else what is wrong and the fix. */
    public static String problem(String cache, String size) {
        String bad = sizeProblem(size);
        if (bad != null) {
            return bad;
        }
        if (cache == null || cache.isBlank()) {
            return "sizes the derivative cache on disk, which is off: give the cache a directory too";
        }
        if (cache.startsWith("memory:")) {
            return "sizes the derivative cache on disk, not '" + cache + "', which carries its own size";
        }
        return null;
    }

    /** The bytes {@code size} says; an IllegalArgumentException naming what is wrong if it is not a size above 0. */
    public static long parse(String size) {
        String bad = sizeProblem(size);
        if (bad != null) {
            throw new IllegalArgumentException("cache size: " + bad);
        }
        return Values.size(size);
    }

    /** Null if {@code size} is a size above 0 (a budget on disk, or {@code memory:SIZE}'s), else what is wrong. */
    static String sizeProblem(String size) {
        long bytes = Values.size(size);
        if (bytes < 0) {
            return "'" + size + "' is not a size; write bytes or a number and a unit: 512MiB, 4GiB";
        }
        if (bytes == 0) {
            return "0 keeps nothing; to keep no derivatives, leave the cache out";
        }
        return null;
    }
}
