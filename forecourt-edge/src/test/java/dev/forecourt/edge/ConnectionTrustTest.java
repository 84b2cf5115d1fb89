package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static dev.forecourt.edge.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.http.RawHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One client's bytes never reach another's exchange, whatever the origin or the client does to the connection. */
class ConnectionTrustTest {
    static final HealthCheckConfig TCP = new HealthCheckConfig("tcp", "/", Duration.ofSeconds(30), Duration.ofSeconds(1), 1, 1);

    private static String exchange(Forecourt f, String raw) throws Exception {
        try (RawHttp c = new RawHttp(f.address("ingress"))) {
            return c.send(raw).readUntilClose();
        }
    }

    @Test
    void anUnasked101IsABadResponseAndItsConnectionIsNeverReused() throws Exception {
        StringBuffer afterSwitch = new StringBuffer();
        try (Origins origin = Origins.switchingUnasked(afterSwitch);
             Forecourt f = Forecourt.start(Fixture.config(at("app", "app.internal", List.of(origin.address()), TCP,
                     Duration.ofSeconds(2))), 1)) {
            String first = exchange(f, "GET /switch HTTP/1.1\r\nHost: app.internal\r\nConnection: close\r\n\r\n");
            assertThat(first).startsWith("HTTP/1.1 502").contains("forecourt-error: upstream_bad_response", "101");
            String second = exchange(f, "GET /next HTTP/1.1\r\nHost: app.internal\r\nCookie: session=bob\r\nConnection: close\r\n\r\n");
            assertThat(second).startsWith("HTTP/1.1 200").endsWith("ok");
            Thread.sleep(100);
            assertThat(afterSwitch.toString()).doesNotContain("session=bob").isEmpty();
        }
    }

    @Test
    void hostAndFramingNamedInConnectionStayAndTheRequestIsServed() throws Exception {
        try (Forecourt f = Forecourt.start(Fixture.config(Fixture.echo("app", List.of("app.internal"), true)), 1)) {
            for (String named : List.of("Host", "Content-Length", "Transfer-Encoding", "host, x-drop")) {
                String r = exchange(f, "POST /c HTTP/1.1\r\nHost: app.internal\r\nConnection: " + named
                        + "\r\nX-Drop: 1\r\nContent-Length: 2\r\n\r\nhiGET /after HTTP/1.1\r\nHost: app.internal\r\nConnection: close\r\n\r\n");
                assertThat(r).as(named).startsWith("HTTP/1.1 200").contains("\"host\":\"app.internal\"", "/after")
                        .doesNotContain("internal_error");
                if (named.contains("x-drop")) {
                    assertThat(r).doesNotContainIgnoringCase("x-drop");
                }
            }
        }
    }

    @Test
    void trailerFieldsThatMayNotTravelInTrailersAreDroppedBothWays() throws Exception {
        StringBuffer seen = new StringBuffer();
        try (Origins origin = Origins.recordingChunked(seen, "Set-Cookie: session=alice\r\nContent-Length: 99\r\nX-Digest: abc\r\n");
             Forecourt f = Forecourt.start(Fixture.config(at("app", "app.internal", List.of(origin.address()), TCP,
                     Duration.ofSeconds(2))), 1)) {
            String r = exchange(f, "POST /t HTTP/1.1\r\nHost: app.internal\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "5\r\nhello\r\n0\r\nHost: evil.example\r\nContent-Length: 99\r\nAuthorization: Bearer x\r\nX-Checksum: ok\r\n\r\n");
            String trailer = seen.substring(seen.lastIndexOf("\r\n0\r\n"));
            assertThat(trailer).contains("X-Checksum: ok").doesNotContainIgnoringCase("evil.example")
                    .doesNotContainIgnoringCase("content-length").doesNotContainIgnoringCase("authorization");
            assertThat(r).startsWith("HTTP/1.1 200").containsIgnoringCase("x-digest: abc")
                    .doesNotContainIgnoringCase("session=alice").doesNotContainIgnoringCase("content-length: 99");
        }
    }

    @Test
    void obsFoldInATrailerIsRefusedAndTheOriginNeverSeesTheBodyEnd() throws Exception {
        StringBuffer seen = new StringBuffer();
        try (Origins origin = Origins.recordingChunked(seen, "");
             Forecourt f = Forecourt.start(Fixture.config(at("app", "app.internal", List.of(origin.address()), TCP,
                     Duration.ofSeconds(2))), 1)) {
            String r = exchange(f, "GET /t HTTP/1.1\r\nHost: app.internal\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\nX-A: a\r\n b\r\n\r\n");
            assertThat(r).startsWith("HTTP/1.1 400").contains("forecourt-error: bad_request", "obs-fold");
            long until = System.currentTimeMillis() + 3000;
            while ((!seen.toString().contains("GET /t") || origin.ended() < origin.accepted()) && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertThat(seen.toString()).doesNotContain("\r\n0\r\n");
            assertThat(origin.ended()).as("upstream connections closed, not left mid-request").isEqualTo(origin.accepted());
        }
    }
}
