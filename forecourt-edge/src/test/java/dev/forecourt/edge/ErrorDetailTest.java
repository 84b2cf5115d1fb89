package dev.forecourt.edge;


import dev.forecourt.edge.runtime.Forecourt;

import static dev.forecourt.edge.Fixture.at;
import static dev.forecourt.edge.Fixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.ErrorsConfig;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.http.ConnectionInfo;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forecourt's own error pages tell internal addresses and library messages only to whom the configuration says:
 * by default loopback clients (the operator's curl); the internet gets the type, the hop, a summary and the fix.
 */
class ErrorDetailTest {

    private static Forecourt start(String dead, ErrorsConfig.Detail detail) throws Exception {
        Config c = Fixture.config(at("app", "app.internal", List.of(dead), HealthCheckConfig.DEFAULT, Duration.ofSeconds(2)));
        return Forecourt.start(Configs.of(c.source(), c.resolve(), Configs.services(c), Configs.ingress(c), c.admin(), Map.of(),
                new ErrorsConfig(detail)), 1);
    }

    @Test
    void whoIsNotToldTheDetailGetsTheTypeTheHopASummaryAndTheFix() throws Exception {
        String dead = "127.0.0.1:" + Origins.refusingPort();
        try (Forecourt f = start(dead, ErrorsConfig.Detail.SAFE)) {
            HttpResponse<String> r = get(f, "ingress", "app.internal", "/");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("forecourt-error")).hasValue("upstream_connect_failure");
            assertThat(r.body()).startsWith("upstream_connect_failure at ingress/public: the upstream could not be reached")
                    .contains("Likely fix:").doesNotContain(dead).doesNotContain("refused");
            HttpResponse<String> noRoute = get(f, "ingress", "other.example", "/");
            assertThat(noRoute.body()).contains("no_route at ingress/public").doesNotContain("app.internal")
                    .doesNotContain("127.0.0.1");
        }
    }

    @Test
    void aLoopbackClientIsToldTheDetailByDefault() throws Exception {
        String dead = "127.0.0.1:" + Origins.refusingPort();
        // no errors: block at all, as most files have
        try (Forecourt f = Forecourt.start(Fixture.config(at("app", "app.internal", List.of(dead), HealthCheckConfig.DEFAULT,
                Duration.ofSeconds(2))), 1)) {
            assertThat(get(f, "ingress", "app.internal", "/").body()).contains(dead, "refused");
        }
    }

    @Test
    void theDefaultTellsLoopbackClientsOnly() {
        HopId hop = new HopId("ingress", "public", ErrorsConfig.Detail.LOCAL);
        assertThat(hop.showsDetailTo(client("127.0.0.1"))).isTrue();
        assertThat(hop.showsDetailTo(client("::1"))).isTrue();
        assertThat(hop.showsDetailTo(client("203.0.113.7"))).isFalse(); // an address only, nothing is sent to it
        HopId full = new HopId("ingress", "public", ErrorsConfig.Detail.FULL);
        assertThat(full.showsDetailTo(client("203.0.113.7"))).isTrue();
    }

    private static ConnectionInfo client(String ip) {
        return new ConnectionInfo(new InetSocketAddress(ip, 40000), new InetSocketAddress("127.0.0.1", 8080), false, null, "HTTP/1.1");
    }
}
