package dev.forecourt.edge;

import static dev.forecourt.edge.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.http.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each HTTP check opens a connection of its own, as HAProxy's do: a target that stops accepting fails them, where a
 * check over a kept-alive connection went on passing while every new connection was refused.
 */
class HealthCheckConnectionTest {
    private static final HealthCheckConfig FAST_HTTP = new HealthCheckConfig("http", "/", Duration.ofMillis(150),
            Duration.ofMillis(100), 1, 1);

    @Test
    void aTargetThatStopsAcceptingFailsItsHttpChecks() throws Exception {
        Origins origin = Origins.keepAliveAnswering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        String healthy = "forecourt_upstream_healthy{instance=\"" + origin.address() + "\",service=\"app\"} ";
        Config config = Configs.of(java.nio.file.Path.of("t.yaml"), Map.of(),
                Map.of("app", at("app", "app.internal", List.of(origin.address()), FAST_HTTP, Duration.ofSeconds(2))),
                new IngressConfig("127.0.0.1:0", null, null, null, AccessLogConfig.OFF, Limits.DEFAULT), null);
        try (Forecourt f = Forecourt.start(config, 1)) {
            for (long until = System.nanoTime() + 3_000_000_000L; origin.accepted() < 3 && System.nanoTime() < until; ) {
                Thread.sleep(20);
            }
            assertThat(origin.accepted()).as("three checks, a connection each").isGreaterThanOrEqualTo(3);
            assertThat(f.metrics().scrape()).contains(healthy + "1.0");
            origin.close(); // no more accepts; the connections it has keep answering
            long until = System.nanoTime() + 3_000_000_000L;
            while (!f.metrics().scrape().contains(healthy + "0.0") && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(f.metrics().scrape()).contains(healthy + "0.0");
        }
    }
}
