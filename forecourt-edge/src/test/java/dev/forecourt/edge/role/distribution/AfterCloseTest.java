package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.orp;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.http.RawHttp;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 9112 section 9.6: once either side has said close, nothing after that request is processed. A pipelined
 * POST behind it never reaches the origin (the origin would act on a request the client never saw answered).
 */
class AfterCloseTest {
    static TestOrigin origin;
    static Forecourt f;

    @BeforeAll
    static void start() throws Exception {
        origin = new TestOrigin();
        origin.on("/ok", ok("fine"));
        origin.on("/pay", ok("paid"));
        BehaviorConfig pay = new BehaviorConfig("/pay", "origin", List.of("*"), null, null,
                cachePolicy("CachingDisabled"), orp("AllViewer"), null, null);
        BehaviorConfig reads = new BehaviorConfig(null, "origin", null, null, null,
                cachePolicy("CachingDisabled"), orp("AllViewer"), null, null);
        f = Forecourt.start(config(distribution(origin("127.0.0.1", origin.port()), reads, List.of(pay), List.of(),
                CacheConfig.DEFAULT)), 1);
    }

    @AfterAll
    static void stop() {
        f.close();
        origin.close();
    }

    private static final String PAY = "POST /pay HTTP/1.1\r\nHost: edge\r\nContent-Length: 3\r\n\r\nbuy";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "the client said close|GET /ok HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n|",
            "HTTP/1.0 without keep-alive|GET /ok HTTP/1.0\r\nHost: edge\r\n\r\n|",
            "our 405 before its body was read|DELETE /ok HTTP/1.1\r\nHost: edge\r\nContent-Length: 10\r\n\r\n01234|56789",
            "our 405 with close|DELETE /ok HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n|",
            "our 400 for a GET with a body|GET /ok HTTP/1.1\r\nHost: edge\r\nContent-Length: 10\r\n\r\n0123|456789",
            "a DELETE with close and a body, answered before its body|DELETE /ok HTTP/1.1\r\nHost: edge\r\nConnection: close\r\nContent-Length: 10\r\n\r\n0|123456789",
    })
    void aRequestPipelinedAfterACloseNeverReachesTheOrigin(String c) throws Exception {
        String[] named = c.split("\\|", 3); // name, the first request (part of it), the rest of its body
        int before = origin.count("/pay");
        try (RawHttp raw = new RawHttp(f.address("distribution-edge"))) {
            raw.send(named[1]);
            Thread.sleep(50);
            String r = raw.send(named[2] + PAY).readUntilClose();
            assertThat(r).as(named[0]).doesNotContain("paid");
        } catch (java.net.SocketException reset) {
            // the hop closed while the rest was still being sent: nothing after the close was read
        }
        Thread.sleep(100);
        assertThat(origin.count("/pay")).as(named[0]).isEqualTo(before);
    }

    /**
     * The same in one read: the refused request, its whole body and the next request came together, and the decoder
     * handed the next one on after the answer had closed the connection (a probe saw it reach the origin).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "our 405, its body and the next request in one read|DELETE /ok HTTP/1.1\r\nHost: edge\r\nContent-Length: 3\r\n\r\nabc",
            "our 400 for a GET with a body, and the next in one read|GET /ok HTTP/1.1\r\nHost: edge\r\nContent-Length: 3\r\n\r\nabc",
    })
    void aRequestPipelinedInTheSameReadAfterACloseNeverReachesTheOrigin(String c) throws Exception {
        String[] named = c.split("\\|", 2);
        int before = origin.count("/pay");
        try (RawHttp raw = new RawHttp(f.address("distribution-edge"))) {
            assertThat(raw.send(named[1] + PAY).readUntilClose()).as(named[0]).doesNotContain("paid");
        }
        Thread.sleep(100);
        assertThat(origin.count("/pay")).as(named[0]).isEqualTo(before);
    }

    /** The control: behind a request that keeps the connection, the same pipelined POST is served. */
    @org.junit.jupiter.api.Test
    void behindAKeptConnectionThePipelinedRequestIsServed() throws Exception {
        try (RawHttp raw = new RawHttp(f.address("distribution-edge"))) {
            String r = raw.send("GET /ok HTTP/1.1\r\nHost: edge\r\n\r\n" + PAY.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"))
                    .readUntilClose();
            assertThat(r).contains("fine", "paid");
        }
    }
}
