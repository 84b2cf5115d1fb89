package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.TestOrigin.Answer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Error answers are kept as the cloud keeps them, not for the cache policy's default TTL (a day under
 * CachingOptimized: an origin's passing 503 would have been served for a day): 404, 414 and 500-504 for the error
 * caching minimum TTL (10 s) without explicit freshness; the others only with it; 416 never. Explicit freshness is
 * obeyed as for any answer.
 */
class ErrorCachingTest {

    @Test
    void errorsWithoutFreshnessAreKeptTenSecondsOthersOnlyWithFreshness() throws Exception {
        BehaviorConfig b = new BehaviorConfig(null, "origin", null, null, null, cachePolicy("CachingOptimized"), null,
                null, null);
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/e503", error(503));
            origin.on("/e503-short", error(503, "Cache-Control", "max-age=1"));
            origin.on("/e404-long", error(404, "Cache-Control", "max-age=30"));
            origin.on("/e403", error(403));
            origin.on("/e403-explicit", error(403, "Cache-Control", "max-age=30"));
            origin.on("/e410", error(410));
            origin.on("/e416", error(416, "Cache-Control", "max-age=30"));
            try (Forecourt f = Forecourt.start(config(distribution(origin("127.0.0.1", origin.port()), b, List.of(),
                    List.of(), CacheConfig.DEFAULT)), 1)) {
                int port = f.address("distribution-edge").getPort();
                assertThat(xCache(port, "/e503")).isEqualTo("Miss");
                long start = System.currentTimeMillis(); // stored as the answer arrived: no later than now
                assertThat(xCache(port, "/e503")).isEqualTo("Hit");
                assertThat(xCache(port, "/e503-short")).isEqualTo("Miss");
                assertThat(xCache(port, "/e404-long")).isEqualTo("Miss");
                for (String notKept : List.of("/e403", "/e410", "/e416")) {
                    xCache(port, notKept);
                    assertThat(xCache(port, notKept)).as(notKept).isEqualTo("Miss");
                }
                assertThat(xCache(port, "/e403-explicit")).isEqualTo("Miss");
                assertThat(xCache(port, "/e403-explicit")).isEqualTo("Hit");

                Thread.sleep(2000);
                assertThat(xCache(port, "/e503-short")).as("the origin's max-age=1 is obeyed").isEqualTo("Miss");

                Thread.sleep(Math.max(0, start + 10_300 - System.currentTimeMillis()));
                assertThat(xCache(port, "/e503")).as("after 10 s the origin is asked again").isEqualTo("Miss");
                assertThat(xCache(port, "/e404-long")).as("the origin's max-age=30 is obeyed").isEqualTo("Hit");
                assertThat(origin.count("/e503")).isEqualTo(2);
            }
        }
    }

    static Answer error(int status, String... headers) {
        return new Answer(status, Answer.pairs(headers), "error " + status, 0);
    }

    private static String xCache(int port, String path) throws Exception {
        return send(port, "GET", path).headers().firstValue("x-cache").orElse("-").replace(" from forecourt", "");
    }
}
