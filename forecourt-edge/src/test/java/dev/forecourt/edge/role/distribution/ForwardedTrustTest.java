package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Configs;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.orp;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.http.Limits;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A distribution is the first hop: what a viewer sends as X-Forwarded-*, Forwarded or a URL override is a claim, not
 * an earlier hop's account, so the origin never sees it, and an origin that reflects it (as the IIIF server's ids
 * reflect X-Forwarded-Host) cannot put it in a cached answer. A distribution told to trust a peer keeps that peer's.
 */
class ForwardedTrustTest {
    static TestOrigin origin;
    static Forecourt f;
    static int edge;
    static int trusting;

    @BeforeAll
    static void start() throws Exception {
        origin = new TestOrigin();
        OriginConfig o = new OriginConfig("origin", "app.internal", origin.port(), 443, "http-only", null, null, null,
                null, null, Map.of(), "");
        // every viewer header reaches the origin, none is in the cache key: the shape the probe poisoned
        BehaviorConfig cached = new BehaviorConfig(null, "origin", null, null, null, cachePolicy("CachingOptimized"),
                orp("AllViewerExceptHostHeader"), null, null);
        BehaviorConfig api = new BehaviorConfig("/api/*", "origin", List.of("GET", "HEAD", "OPTIONS", "PUT", "POST",
                "PATCH", "DELETE"), null, null, cachePolicy("CachingDisabled"), orp("AllViewerExceptHostHeader"), null, null);
        DistributionConfig firstHop = new DistributionConfig("edge", "127.0.0.1:0", List.of(), null, Map.of("origin", o),
                List.of(api), cached, CacheConfig.DEFAULT, AccessLogConfig.OFF, Limits.DEFAULT);
        DistributionConfig behindAProxy = new DistributionConfig("behind", "127.0.0.1:0", List.of(), null,
                Map.of("origin", o), List.of(api), cached, CacheConfig.DEFAULT, AccessLogConfig.OFF, Limits.DEFAULT,
                List.of(Cidr.parse("127.0.0.0/8")));
        f = Forecourt.start(Configs.of(Path.of("test.yaml"), Map.of("app.internal", "127.0.0.1"), Map.of(), null,
                new AdminConfig("127.0.0.1:0"), Map.of("edge", firstHop, "behind", behindAProxy)), 1);
        edge = f.address("distribution-edge").getPort();
        trusting = f.address("distribution-behind").getPort();
    }

    @AfterAll
    static void stop() {
        f.close();
        origin.close();
    }

    @Test
    void aViewersForwardingHeadersAreReplacedSoASecondViewerGetsAnUnpoisonedAnswer() throws Exception {
        // the origin builds its public URL from the forwarding headers and sends no Vary, as many apps do
        origin.on("/ids", s -> ok("id " + s.header("X-Forwarded-Proto") + "://" + s.header("X-Forwarded-Host")
                + nullToEmpty(s.header("X-Forwarded-Prefix")) + "/ids", "Cache-Control", "max-age=60"));
        HttpResponse<String> attacker = send(edge, "GET", "/ids", "Host", "images.example.org",
                "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "8443",
                "X-Forwarded-Prefix", "/evil", "X-Forwarded-For", "203.0.113.9",
                "Forwarded", "for=203.0.113.9;host=evil.example;proto=https");
        TestOrigin.Seen s = origin.last();
        assertThat(s.header("X-Forwarded-Host")).isEqualTo("images.example.org");
        assertThat(s.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(s.header("X-Forwarded-Port")).isEqualTo("80");
        assertThat(s.header("X-Forwarded-Prefix")).isNull();
        assertThat(s.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(s.header("Forwarded")).isEqualTo("for=127.0.0.1;host=images.example.org;proto=http");
        assertThat(attacker.body()).isEqualTo("id http://images.example.org/ids");

        HttpResponse<String> viewer = send(edge, "GET", "/ids", "Host", "images.example.org");
        assertThat(viewer.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(viewer.body()).isEqualTo("id http://images.example.org/ids");
        assertThat(origin.count("/ids")).isEqualTo(1);
    }

    @Test
    void urlHostAndMethodOverridesFromAViewerNeverReachTheOrigin() throws Exception {
        origin.on("/page", ok("page", "Cache-Control", "max-age=60"));
        send(edge, "GET", "/page", "X-Original-URL", "/admin", "X-Rewrite-URL", "/admin", "X-Host", "evil.example",
                "X-Original-Host", "evil.example", "X-Forwarded-Server", "evil.example", "X-Forwarded-Scheme", "https",
                "X-Real-IP", "203.0.113.9", "X-HTTP-Method-Override", "DELETE", "X-Viewer", "kept");
        TestOrigin.Seen s = origin.last();
        assertThat(s.header("X-Viewer")).isEqualTo("kept"); // the policy forwards the viewer's other headers
        for (String name : List.of("X-Original-URL", "X-Rewrite-URL", "X-Host", "X-Original-Host", "X-Forwarded-Server",
                "X-Forwarded-Scheme", "X-Real-IP", "X-HTTP-Method-Override")) {
            assertThat(s.header(name)).as(name).isNull();
        }
    }

    @Test
    void aPostKeepsItsMethodOverrideForTheClientsThatTunnelThroughPost() throws Exception {
        origin.on("/api/tunnel", ok("tunnelled"));
        send(edge, "POST", "/api/tunnel", "X-HTTP-Method-Override", "PUT");
        assertThat(origin.last().header("X-HTTP-Method-Override")).isEqualTo("PUT");
    }

    @Test
    void aDistributionToldToTrustItsPeerKeepsThatPeersAccount() throws Exception {
        origin.on("/api/behind", ok("behind"));
        send(trusting, "GET", "/api/behind", "Host", "cdn-origin.example.org", "X-Forwarded-Host", "front.example",
                "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Prefix", "/images");
        TestOrigin.Seen s = origin.last();
        assertThat(s.header("X-Forwarded-Host")).isEqualTo("front.example");
        assertThat(s.header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(s.header("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(s.header("X-Forwarded-Prefix")).isEqualTo("/images");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
