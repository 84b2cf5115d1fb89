package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static dev.forecourt.edge.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.http.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An instance the health checks took out stays out after a reload until it passes again. */
class ReloadKeepsHealthTest {
    /** Three failed checks half a second apart take an instance out: a new generation could not know that at once. */
    static final HealthCheckConfig SLOW_TCP = new HealthCheckConfig("tcp", "/", Duration.ofMillis(500), Duration.ofMillis(200), 1, 3);

    private static Config config(String dead, String live, String server) {
        return Configs.of(java.nio.file.Path.of("t.yaml"), Map.of(),
                Map.of("app", at("app", "app.internal", List.of(dead, live), SLOW_TCP, Duration.ofSeconds(2))),
                new IngressConfig("127.0.0.1:0", null, null, server, AccessLogConfig.OFF, Limits.DEFAULT),
                new dev.forecourt.edge.config.AdminConfig("127.0.0.1:0"));
    }

    @Test
    void anEjectedInstanceStaysOutAfterAReload() throws Exception {
        String dead = "127.0.0.1:" + Origins.refusingPort();
        try (Origins live = Origins.keepAliveAnswering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
             Forecourt f = Forecourt.start(config(dead, live.address(), null), 1)) {
            String down = "forecourt_upstream_healthy{instance=\"" + dead + "\",service=\"app\"} 0.0";
            long until = System.nanoTime() + 5_000_000_000L;
            while (!f.metrics().scrape().contains(down) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(f.metrics().scrape()).contains(down);
            f.reload(config(dead, live.address(), "envoy")); // something else changes; the instances do not
            assertThat(f.metrics().scrape()).as("the new configuration's gauge, right after the reload").contains(down);
            Retired.await(); // the old configuration retires and forgets its meters, not the new one's
            assertThat(f.metrics().scrape()).as("after the old configuration retired").contains(down);
        }
    }

    @Test
    void reloadsMoreOftenThanTheThresholdsTimeStillTakeADeadInstanceOut() throws Exception {
        // three failures half a second apart take it out; a reload every 200 ms started a checker whose count began
        // at 0 (and which checked at once), so the instance stayed in for as long as the reloads went on
        String dead = "127.0.0.1:" + Origins.refusingPort();
        Origins live = Origins.keepAliveAnswering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        String dying = live.address();
        try (Forecourt f = Forecourt.start(config(dead, dying, null), 1)) {
            Thread.sleep(700); // a few checks passed
            String down = "forecourt_upstream_healthy{instance=\"" + dying + "\",service=\"app\"} 0.0";
            assertThat(f.metrics().scrape()).doesNotContain(down);
            live.close();
            for (int i = 0; i < 15 && !f.metrics().scrape().contains(down); i++) {
                f.reload(config(dead, dying, i % 2 == 0 ? "envoy" : null));
                Thread.sleep(200);
            }
            assertThat(f.metrics().scrape()).as("out within 3 s of reloads").contains(down);
        }
    }

    @Test
    void aReloadedServiceWhoseOnlyInstanceIsDownSaysNoHealthyUpstreamAtOnce() throws Exception {
        String dead = "127.0.0.1:" + Origins.refusingPort();
        Config one = Configs.of(java.nio.file.Path.of("t.yaml"), Map.of(),
                Map.of("app", at("app", "app.internal", List.of(dead), SLOW_TCP, Duration.ofSeconds(2))),
                new IngressConfig("127.0.0.1:0", null, null, null, AccessLogConfig.OFF, Limits.DEFAULT), null);
        try (Forecourt f = Forecourt.start(one, 1)) {
            long until = System.nanoTime() + 5_000_000_000L;
            String type = "";
            while (!type.equals("no_healthy_upstream") && System.nanoTime() < until) {
                Thread.sleep(100);
                type = Fixture.get(f, "ingress", "app.internal", "/").headers().firstValue("forecourt-error").orElse("");
            }
            assertThat(type).isEqualTo("no_healthy_upstream");
            f.reload(Configs.of(one.source(), one.resolve(), Configs.services(one),
                    new IngressConfig("127.0.0.1:0", null, null, "envoy", AccessLogConfig.OFF, Limits.DEFAULT), null));
            // a new configuration that forgot the checks' verdict would try the dead address: upstream_connect_failure
            assertThat(Fixture.get(f, "ingress", "app.internal", "/").headers().firstValue("forecourt-error"))
                    .hasValue("no_healthy_upstream");
        }
    }

    @Test
    void aReloadThatCannotBindLeavesTheRunningGaugesInPlace() throws Exception {
        String dead = "127.0.0.1:" + Origins.refusingPort();
        try (Origins live = Origins.keepAliveAnswering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
             java.net.ServerSocket held = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             Forecourt f = Forecourt.start(config(dead, live.address(), null), 1)) {
            String gauge = "forecourt_upstream_healthy{instance=\"" + live.address() + "\",service=\"app\"} 1.0";
            assertThat(f.metrics().scrape()).contains(gauge);
            Config c = config(dead, live.address(), "envoy");
            Config unbindable = Configs.of(c.source(), c.resolve(), Configs.services(c), Configs.ingress(c),
                    new dev.forecourt.edge.config.AdminConfig("127.0.0.1:" + held.getLocalPort()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.reload(unbindable)).isInstanceOf(Exception.class);
            assertThat(f.metrics().scrape()).as("the running configuration's gauges").contains(gauge);
        }
    }
}
