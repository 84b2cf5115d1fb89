package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static dev.forecourt.edge.Fixture.at;
import static dev.forecourt.edge.Fixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.HealthCheckConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the ingress says when the upstream is down, slow, broken, or when instances come and go. */
class UpstreamFailureTest {
    static final HealthCheckConfig FAST_TCP = new HealthCheckConfig("tcp", "/", Duration.ofMillis(100), Duration.ofMillis(200), 1, 1);

    @Test
    void aRefusedConnectionIs503ConnectFailureThenNoHealthyUpstream() throws Exception {
        String dead = "127.0.0.1:" + Origins.refusingPort();
        try (Forecourt f = Forecourt.start(Fixture.config(at("iiif", "iiif.internal", List.of(dead), HealthCheckConfig.DEFAULT, Duration.ofSeconds(2))), 1)) {
            HttpResponse<String> first = get(f, "ingress", "iiif.internal", "/");
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(first.headers().firstValue("forecourt-error")).hasValue("upstream_connect_failure");
            assertThat(first.body()).contains(dead, "refused");
            HttpResponse<String> second = get(f, "ingress", "iiif.internal", "/");
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("forecourt-error")).hasValue("no_healthy_upstream");
            assertThat(second.body()).contains("service 'iiif' has no healthy instance", dead);
        }
    }

    @Test
    void activeHealthChecksTakeADeadInstanceOutAndTrafficGoesToTheLiveOne() throws Exception {
        String dead = "127.0.0.1:" + Origins.refusingPort();
        try (Origins live = Origins.answering("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nlive");
             Forecourt f = Forecourt.start(Fixture.config(at("iiif", "iiif.internal", List.of(dead, live.address()), FAST_TCP, Duration.ofSeconds(2))), 1)) {
            // No request has been sent yet, so no passive ejection: only the active checks can have done this.
            long deadline = System.nanoTime() + 3_000_000_000L;
            String down = "forecourt_upstream_healthy{instance=\"" + dead + "\",service=\"iiif\"} 0.0";
            while (!f.metrics().scrape().contains(down) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(f.metrics().scrape()).contains(down)
                    .contains("forecourt_upstream_healthy{instance=\"" + live.address() + "\",service=\"iiif\"} 1.0");
            Set<String> bodies = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> r = get(f, "ingress", "iiif.internal", "/");
                assertThat(r.statusCode()).isEqualTo(200);
                bodies.add(r.body());
            }
            assertThat(bodies).containsExactly("live");
        }
    }

    @Test
    void roundRobinSpreadsRequestsOverInstances() throws Exception {
        try (Origins a = Origins.answering("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\na");
             Origins b = Origins.answering("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\nb");
             Forecourt f = Forecourt.start(Fixture.config(at("iiif", "iiif.internal", List.of(a.address(), b.address()), HealthCheckConfig.DEFAULT, Duration.ofSeconds(2))), 1)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                seen.add(get(f, "ingress", "iiif.internal", "/").body());
            }
            assertThat(seen).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void aSilentUpstreamIs504UpstreamTimeout() throws Exception {
        try (Origins silent = Origins.silent();
             Forecourt f = Forecourt.start(Fixture.config(at("iiif", "iiif.internal", List.of(silent.address()), HealthCheckConfig.DEFAULT, Duration.ofMillis(300))), 1)) {
            HttpResponse<String> r = get(f, "ingress", "iiif.internal", "/");
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(r.headers().firstValue("forecourt-error")).hasValue("upstream_timeout");
            assertThat(r.body()).contains("no response within 300ms");
        }
    }

    @Test
    void garbageFromTheUpstreamIs502BadResponse() throws Exception {
        try (Origins garbage = Origins.answering("SSH-2.0-OpenSSH_9.2\r\n\r\n");
             Forecourt f = Forecourt.start(Fixture.config(at("iiif", "iiif.internal", List.of(garbage.address()), HealthCheckConfig.DEFAULT, Duration.ofSeconds(2))), 1)) {
            HttpResponse<String> r = get(f, "ingress", "iiif.internal", "/");
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.headers().firstValue("forecourt-error")).hasValue("upstream_bad_response");
        }
    }

    @Test
    void anUpstreamThatClosesBeforeAnsweringIsAReset() throws Exception {
        try (Origins closer = Origins.answering("");
             Forecourt f = Forecourt.start(Fixture.config(at("iiif", "iiif.internal", List.of(closer.address()), HealthCheckConfig.DEFAULT, Duration.ofSeconds(2))), 1)) {
            HttpResponse<String> r = get(f, "ingress", "iiif.internal", "/");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("forecourt-error")).hasValue("upstream_reset");
            assertThat(r.body()).contains("before sending any response");
        }
    }

    @Test
    void anHttp10ClientGetsAnUnknownLengthBodyCloseDelimitedNotChunked() throws Exception {
        try (Origins chunked = Origins.answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
             Forecourt f = Forecourt.start(Fixture.config(at("iiif", "iiif.internal", List.of(chunked.address()), HealthCheckConfig.DEFAULT, Duration.ofSeconds(2))), 1);
             var raw = new dev.forecourt.http.RawHttp(f.address("ingress"))) {
            String r = raw.send("GET / HTTP/1.0\r\nHost: iiif.internal\r\n\r\n").readUntilClose();
            assertThat(r).startsWith("HTTP/1.1 200").endsWith("\r\n\r\nhello").doesNotContainIgnoringCase("transfer-encoding")
                    .containsIgnoringCase("connection: close");
        }
    }

    @Test
    void bytesBeyondAResponsesLengthNeverBecomeTheNextResponse() throws Exception {
        // an upstream that frames 5 bytes and writes 13: the 8 extra must not be read as the next response (a desync)
        try (Origins sloppy = Origins.keepAliveAnswering("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirstSMUGGLED");
             Forecourt f = Forecourt.start(Fixture.config(at("iiif", "iiif.internal", List.of(sloppy.address()),
                     HealthCheckConfig.DEFAULT, Duration.ofSeconds(2))), 1)) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = get(f, "ingress", "iiif.internal", "/" + i);
                assertThat(r.statusCode()).as("request " + i).isEqualTo(200);
                assertThat(r.body()).isEqualTo("first");
            }
        }
    }

    @Test
    void aRequestSentWhileTheOneBeforeIsInFlightWaitsItsTurnAndAClientThatLeavesMidExchangeFreesIt() throws Exception {
        try (Origins slow = Origins.slowly("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow", 300);
             Forecourt f = Forecourt.start(Fixture.config(at("iiif", "iiif.internal", List.of(slow.address()), HealthCheckConfig.DEFAULT, Duration.ofSeconds(2))), 1)) {
            try (var raw = new dev.forecourt.http.RawHttp(f.address("ingress"))) {
                raw.send("GET /one HTTP/1.1\r\nHost: iiif.internal\r\n\r\n");
                Thread.sleep(100); // the first is at the origin now: the second arrives in a later read
                raw.send("GET /two HTTP/1.1\r\nHost: iiif.internal\r\n\r\n");
                assertThat(raw.readResponse()).startsWith("HTTP/1.1 200").endsWith("slow");
                assertThat(raw.readResponse()).startsWith("HTTP/1.1 200").endsWith("slow");
            }
            try (var raw = new dev.forecourt.http.RawHttp(f.address("ingress"))) {
                raw.send("GET /gone HTTP/1.1\r\nHost: iiif.internal\r\n\r\n");
            } // closed at once: the exchange still ends, and the listener goes on serving
            assertThat(get(f, "ingress", "iiif.internal", "/after").body()).isEqualTo("slow");
        }
    }
}
