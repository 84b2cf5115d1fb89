package dev.forecourt.edge.config;

import java.nio.file.Path;

/**
 * A distribution's store: memory budget, largest object kept, and an optional disk tier (directory and budget)
 * that survives restarts.
 */
public record CacheConfig(long memoryBytes, long maxObjectBytes, Path diskPath, long diskBytes) {
    public static final CacheConfig DEFAULT = new CacheConfig(256L << 20, 32L << 20, null, 0);
}
