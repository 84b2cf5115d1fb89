package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.http.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distribution's access log says what the viewer sent, on a miss as on a hit: the rooms behind the cache rewrite
 * the request head for the origin (its Host, its path prefix, the headers no policy takes), which is not what arrived.
 */
class ViewerLogTest {
    @TempDir
    Path dir;

    @Test
    void aMissIsLoggedWithTheViewersHostUserAgentAndPath() throws Exception {
        Path log = dir.resolve("access.log");
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/prod/a", ok("a", "Cache-Control", "max-age=60"));
            OriginConfig o = new OriginConfig("origin", "app.internal", origin.port(), 443, "http-only", null, null,
                    null, null, null, null, "/prod");
            BehaviorConfig b = new BehaviorConfig(null, "origin", null, null, null, cachePolicy("CachingOptimized"),
                    null, null, null); // no origin request policy: neither the viewer's Host nor User-Agent go on
            DistributionConfig d = new DistributionConfig("edge", "127.0.0.1:0", List.of(), null, Map.of("origin", o),
                    List.of(), b, CacheConfig.DEFAULT, new AccessLogConfig(true,
                    "$hop $host $path $user_agent $result_type", log.toString()), Limits.DEFAULT);
            try (Forecourt f = Forecourt.start(Distributions.config(d, Map.of("app.internal", "127.0.0.1")), 1)) {
                int port = f.address("distribution-edge").getPort();
                Distributions.send(port, "GET", "/a", "Host", "images.example.org", "User-Agent", "viewer/1.0");
                Distributions.send(port, "GET", "/a", "Host", "images.example.org", "User-Agent", "viewer/1.0");
                assertThat(origin.last().header("Host")).isEqualTo("app.internal");
            }
        }
        assertThat(Files.readAllLines(log)).containsExactly(
                "distribution/edge images.example.org /a viewer/1.0 Miss",
                "distribution/edge images.example.org /a viewer/1.0 Hit");
    }

    @Test
    void theDefaultFormatNamesTheHop() {
        assertThat(AccessLogConfig.DEFAULT_FORMAT).contains("$hop");
    }
}
