package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.rfc;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.Origins;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An origin that is down or silent: the distribution's own answers, in the taxonomy, within its timeouts. */
class OriginFailureTest {

    private static Forecourt start(int originPort, Duration readTimeout) throws Exception {
        OriginConfig o = new OriginConfig("origin", "127.0.0.1", originPort, 443, "http-only", null, null,
                Duration.ofSeconds(1), readTimeout, null, Map.of(), "");
        return Forecourt.start(config(distribution(o, rfc(), List.of(), List.of(), CacheConfig.DEFAULT)), 1);
    }

    @Test
    void aRefusedConnectionIs502ConnectFailureEveryTime() throws Exception {
        int dead = Origins.refusingPort();
        try (Forecourt f = start(dead, Duration.ofSeconds(2))) {
            for (int i = 0; i < 2; i++) { // a single origin is not ejected: the cloud answers 502 each time
                HttpResponse<String> r = send(f.address("distribution-edge").getPort(), "GET", "/x");
                assertThat(r.statusCode()).isEqualTo(502);
                assertThat(r.headers().firstValue("forecourt-error")).hasValue("upstream_connect_failure");
                assertThat(r.headers().firstValue("forecourt-hop")).hasValue("distribution/edge");
                assertThat(r.body()).contains("127.0.0.1:" + dead);
            }
        }
    }

    @Test
    void aSilentOriginIs504AfterTheReadTimeout() throws Exception {
        try (Origins silent = Origins.silent(); Forecourt f = start(silent.port(), Duration.ofMillis(500))) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = send(f.address("distribution-edge").getPort(), "GET", "/slow");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(r.headers().firstValue("forecourt-error")).hasValue("upstream_timeout");
            assertThat(ms).isBetween(400L, 3000L);
        }
    }

    @Test
    void anIdlePooledConnectionIsReusedThenClosedAfterTheOriginsKeepAliveTimeout() throws Exception {
        try (Origins origin = Origins.keepAliveAnswering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nCache-Control: no-store\r\n\r\nok");
             Forecourt f = Forecourt.start(config(distribution(new OriginConfig("origin", "127.0.0.1", origin.port(), 443,
                     "http-only", null, null, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(300),
                     Map.of(), ""), rfc(), List.of(), List.of(), CacheConfig.DEFAULT)), 1)) {
            int port = f.address("distribution-edge").getPort();
            assertThat(send(port, "GET", "/a").body()).isEqualTo("ok");
            assertThat(send(port, "GET", "/b").body()).isEqualTo("ok");
            assertThat(origin.accepted()).isEqualTo(1); // the second request went over the pooled connection
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (origin.ended() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(origin.ended()).isEqualTo(1); // parked longer than keepAliveTimeout: closed by the pool
            assertThat(send(port, "GET", "/c").body()).isEqualTo("ok");
            assertThat(origin.accepted()).isEqualTo(2);
        }
    }
}
