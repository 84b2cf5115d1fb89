package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.rfc;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.CacheConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload keeps a distribution's cache when its cache block is unchanged (memory and disk tier: the same store,
 * not a second one indexing the same directory), and replaces it when the block changes.
 */
class ReloadKeepsCacheTest {
    @TempDir
    Path dir;

    private static String xCache(int port, String path) throws Exception {
        return send(port, "GET", path).headers().firstValue("x-cache").orElse("none");
    }

    @Test
    void aMemoryOnlyCacheKeepsItsObjectsAcrossAReload() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/m", ok("m", "Cache-Control", "max-age=600"));
            CacheConfig memory = new CacheConfig(8L << 20, 1L << 20, null, 0);
            try (Forecourt f = Forecourt.start(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(),
                    List.of(), memory)), 1)) {
                int port = f.address("distribution-edge").getPort();
                xCache(port, "/m");
                assertThat(xCache(port, "/m")).isEqualTo("Hit from forecourt");
                f.reload(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(), List.of("127.0.0.1"),
                        memory)));
                assertThat(xCache(port, "/m")).isEqualTo("Hit from forecourt");
                assertThat(origin.count("/m")).isEqualTo(1);
            }
        }
    }

    @Test
    void aCachedObjectIsAHitBeforeAndAfterAReloadThatLeavesTheCacheAlone() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/small", ok("s", "Cache-Control", "max-age=600"));
            origin.on("/large", ok("L".repeat(100_000), "Cache-Control", "max-age=600")); // to the disk tier
            CacheConfig cache = new CacheConfig(8L << 20, 1L << 20, dir.resolve("cache"), 64L << 20);
            try (Forecourt f = Forecourt.start(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(),
                    List.of(), cache)), 1)) {
                int port = f.address("distribution-edge").getPort();
                xCache(port, "/small");
                xCache(port, "/large");
                assertThat(xCache(port, "/small")).isEqualTo("Hit from forecourt");
                // another alias list, the same cache block
                f.reload(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(), List.of("127.0.0.1"),
                        cache)));
                assertThat(xCache(port, "/small")).isEqualTo("Hit from forecourt");
                assertThat(xCache(port, "/large")).isEqualTo("Hit from forecourt");
                assertThat(origin.count("/small")).isEqualTo(1);
                assertThat(origin.count("/large")).isEqualTo(1);
                dev.forecourt.edge.Retired.await(); // the old generation retires: its close must not close the kept cache
                assertThat(xCache(port, "/small")).isEqualTo("Hit from forecourt");
                // another memory size, the same directory: the disk tier is kept (one tier per directory)
                f.reload(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(), List.of(),
                        new CacheConfig(4L << 20, 1L << 20, dir.resolve("cache"), 32L << 20))));
                assertThat(xCache(port, "/large")).isEqualTo("Hit from forecourt");
                assertThat(origin.count("/large")).isEqualTo(1);
                // a changed cache block: a new store
                f.reload(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(), List.of(),
                        new CacheConfig(16L << 20, 1L << 20, null, 0))));
                assertThat(xCache(port, "/small")).isEqualTo("Miss from forecourt");
                assertThat(origin.count("/small")).isEqualTo(2);
            }
        }
    }
}
