package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.orp;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.http.Limits;
import dev.forecourt.http.RawHttp;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stall is blamed on the side that stalls. The origin's readTimeout (1 s) judges the origin only; the viewer's
 * stalls (no more of its body, none of the response taken) are judged by the listener's idleTimeout (3 s).
 */
class StallBlameTest {
    static final int BIG = 16 << 20;
    static TestOrigin origin;
    static Forecourt f;

    @BeforeAll
    static void start() throws Exception {
        origin = new TestOrigin();
        origin.on("/big", ok("x".repeat(BIG)));
        origin.on("/upload", s -> ok("got it"));
        OriginConfig o = new OriginConfig("origin", "127.0.0.1", origin.port(), 443, "http-only", null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(1), null, Map.of(), "");
        BehaviorConfig all = new BehaviorConfig(null, "origin", List.of("*"), null, null,
                cachePolicy("CachingDisabled"), orp("AllViewer"), null, null);
        Limits limits = new Limits(64 * 1024, 8 * 1024, Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(60), 100, 100);
        f = Forecourt.start(config(new DistributionConfig("edge", "127.0.0.1:0", List.of(), null, Map.of("origin", o),
                List.of(), all, CacheConfig.DEFAULT, AccessLogConfig.OFF, limits)), 1);
    }

    @AfterAll
    static void stop() {
        f.close();
        origin.close();
    }

    @Test
    void aViewerThatPausesLongerThanTheOriginsReadTimeoutStillGetsTheWholeBody() throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.address("distribution-edge").getPort())) {
            s.setReceiveBufferSize(64 * 1024);
            s.getOutputStream().write("GET /big HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            Thread.sleep(2000); // reading nothing: backpressure pauses the origin, whose read timer must not run
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            long total = 0;
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) total += n;
            assertThat(total).isGreaterThan(BIG);
        }
    }

    @Test
    void aViewerThatReadsNothingIsCutAfterTheListenersIdleTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.address("distribution-edge").getPort())) {
            s.setReceiveBufferSize(64 * 1024);
            s.getOutputStream().write("GET /big HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            Thread.sleep(6000);
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            long total = 0;
            byte[] buf = new byte[64 * 1024];
            int n;
            try {
                while ((n = in.read(buf)) >= 0) total += n;
            } catch (java.net.SocketException reset) {
                // cut: what matters is that the whole body never came
            }
            assertThat(total).isLessThan(BIG);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(12_000);
        }
    }

    @Test
    void aSlowRequestBodyIs408RequestTimeoutNot504() throws Exception {
        try (RawHttp c = new RawHttp(f.address("distribution-edge"))) {
            c.send("POST /upload HTTP/1.1\r\nHost: edge\r\nContent-Length: 10\r\n\r\n01234");
            String r = c.readUntilClose();
            assertThat(r).startsWith("HTTP/1.1 408").contains("forecourt-error: request_timeout", "limits.idleTimeout");
        }
    }
}
