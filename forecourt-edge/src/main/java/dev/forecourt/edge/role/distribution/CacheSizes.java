package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;

/**
 * {@code maxObjectSize} above {@code memory} is refused. An object is copied into memory as it arrives (the misses in
 * flight share a budget of {@code memory}), with a disk tier too, so nothing larger than {@code memory} is ever
 * stored: the limit as written is never the one that applies.
 */
final class CacheSizes {
    private CacheSizes() {}

    static void check(Yaml.MapNode root, DistributionsSection c, Problems p) {
        for (DistributionConfig d : c.distributions().values()) {
            CacheConfig cache = d.cache();
            if (cache.maxObjectBytes() <= cache.memoryBytes()) continue;
            p.add(YamlPath.of(root, "distributions", d.name(), "cache", "maxObjectSize"), "distributions." + d.name()
                    + ".cache.maxObjectSize", size(cache.maxObjectBytes()) + " is larger than memory "
                    + size(cache.memoryBytes()) + ": objects are copied into memory as they arrive, so none"
                    + " larger than memory is ever stored. Fix: maxObjectSize at most "
                    + size(cache.memoryBytes()) + " (an eighth of memory leaves room for others), or more memory");
        }
    }

    /** Bytes in the largest binary unit that writes them whole ({@code 256MiB}). */
    private static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (u < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            u++;
        }
        return bytes + units[u];
    }
}
