package dev.forecourt.edge;

import dev.forecourt.edge.runtime.Forecourt;

import static dev.forecourt.edge.Fixture.config;
import static dev.forecourt.edge.Fixture.echo;
import static dev.forecourt.edge.Fixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Host-routed ingress, through real sockets: virtual hosts, private services, what the origin receives. */
class IngressTest {
    static Forecourt f;

    @BeforeAll
    static void start() throws Exception {
        f = Forecourt.start(config(
                echo("iiif", List.of("iiif.internal", "*.images.test"), true),
                echo("secret", List.of("secret.internal"), false)), 2);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void routesByHostAndTheOriginSeesTheHostItWasAddressedByWithForwardedHeaders() throws Exception {
        HttpResponse<String> r = get(f, "ingress", "iiif.internal", "/iiif/3/a/info.json?x=1");
        assertThat(r.statusCode()).isEqualTo(200);
        String body = r.body();
        assertThat(body).contains("\"name\":\"iiif\"", "\"path\":\"/iiif/3/a/info.json?x=1\"", "\"host\":\"iiif.internal\"",
                "\"x-forwarded-for\":\"127.0.0.1\"", "\"x-forwarded-proto\":\"http\"", "\"x-forwarded-host\":\"iiif.internal\"",
                "\"forwarded\":\"for=127.0.0.1;host=iiif.internal;proto=http\"", "\"via\":\"1.1 ingress-public (forecourt)\"");
        assertThat(body).containsPattern("\"traceparent\":\"00-[0-9a-f]{32}-[0-9a-f]{16}-01\"");
        assertThat(r.headers().firstValue("server")).hasValue("envoy");
        assertThat(r.headers().firstValue("via")).hasValue("1.1 ingress-public (forecourt)");
        assertThat(r.headers().firstValue("server-timing").orElseThrow()).startsWith("ingress-public;dur=").contains("upstream app:echo@");
    }

    @Test
    void anHttp10RequestIsPassedOnWithAVia10() throws Exception { // RFC 9110 7.6.3: the version it was received in
        try (dev.forecourt.http.RawHttp raw = new dev.forecourt.http.RawHttp(f.address("ingress"))) {
            String r = raw.send("GET /old HTTP/1.0\r\nHost: iiif.internal\r\n\r\n").readUntilClose();
            assertThat(r).startsWith("HTTP/1.1 200").contains("\"via\":\"1.0 ingress-public (forecourt)\"");
        }
    }

    @Test
    void matchesWildcardsAndHostsWithAPort() throws Exception {
        assertThat(get(f, "ingress", "a.b.images.test", "/").statusCode()).isEqualTo(200);
        assertThat(get(f, "ingress", "IIIF.internal:9000", "/").body()).contains("\"name\":\"iiif\"");
        assertThat(get(f, "ingress", "images.test", "/").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownHostIsNoRouteNamingTheHostAndTheDomainsServed() throws Exception {
        HttpResponse<String> r = get(f, "ingress", "images.example.org", "/iiif/3/a/info.json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("forecourt-error")).hasValue("no_route");
        assertThat(r.headers().firstValue("forecourt-hop")).hasValue("ingress/public");
        assertThat(r.headers().firstValue("server")).hasValue("envoy");
        assertThat(r.body()).contains("Host 'images.example.org'", "iiif.internal", "*.images.test", "Likely fix:")
                .doesNotContain("secret.internal");
        assertThat(r.headers().firstValue("server-timing").orElseThrow()).contains("desc=\"no_route\"");
    }

    @Test
    void privateServicesAnswerOnlyOnThePrivateListener() throws Exception {
        assertThat(get(f, "ingress", "secret.internal", "/").statusCode()).isEqualTo(404);
        HttpResponse<String> r = get(f, "ingress-private", "secret.internal", "/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"secret\"", "ingress-private");
        assertThat(get(f, "ingress-private", "iiif.internal", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void aValidTraceparentKeepsItsTraceIdAndEarlierForwardedHopsAreKept() throws Exception {
        var a = f.address("ingress");
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + a.getPort() + "/"))
                .header("Host", "iiif.internal")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "images.example.org").header("Forwarded", "for=203.0.113.7;proto=https")
                .build();
        String body = Fixture.CLIENT.send(req, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).contains("\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-", "\"x-request-id\":\"0af7651916cd43dd8448eb211c80319c\"")
                .doesNotContain("b7ad6b7169203331")
                .contains("\"x-forwarded-for\":\"203.0.113.7, 127.0.0.1\"", "\"x-forwarded-proto\":\"https\"",
                        "\"x-forwarded-host\":\"images.example.org\"",
                        "\"forwarded\":\"for=203.0.113.7;proto=https, for=127.0.0.1;host=iiif.internal;proto=http\"");
    }

    @Test
    void hopByHopHeadersStayOnTheirConnection() throws Exception {
        try (var raw = new dev.forecourt.http.RawHttp(f.address("ingress"))) {
            String r = raw.send("GET / HTTP/1.1\r\nHost: iiif.internal\r\nConnection: keep-alive, X-Secret\r\n"
                    + "X-Secret: 42\r\nKeep-Alive: timeout=5\r\nProxy-Connection: keep-alive\r\nTE: trailers\r\nX-Kept: yes\r\n\r\n").readResponse();
            assertThat(r).startsWith("HTTP/1.1 200").contains("\"x-kept\":\"yes\"")
                    .doesNotContain("x-secret", "keep-alive\":", "proxy-connection", "\"te\"", "\"connection\"");
        }
    }

    @Test
    void keepsTheConnectionAliveAcrossRequestsAndAnswersPipelinedRequestsInOrder() throws Exception {
        try (var raw = new dev.forecourt.http.RawHttp(f.address("ingress"))) {
            raw.send("GET /one HTTP/1.1\r\nHost: iiif.internal\r\n\r\nGET /two HTTP/1.1\r\nHost: iiif.internal\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 200").contains("\"path\":\"/one\"");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 200").contains("\"path\":\"/two\"");
            raw.send("GET /three HTTP/1.1\r\nHost: iiif.internal\r\nConnection: close\r\n\r\n");
            assertThat(raw.readUntilClose()).startsWith("HTTP/1.1 200").contains("\"path\":\"/three\"").containsIgnoringCase("connection: close");
        }
    }

    @Test
    void streamsRequestBodiesBothFixedAndChunked() throws Exception {
        var a = f.address("ingress");
        byte[] big = new byte[3 * 1024 * 1024];
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + a.getPort() + "/upload"))
                .header("Host", "iiif.internal").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(big)).build();
        assertThat(Fixture.CLIENT.send(req, HttpResponse.BodyHandlers.ofString()).body()).contains("\"bodyBytes\":" + big.length);
        try (var raw = new dev.forecourt.http.RawHttp(a)) {
            String r = raw.send("POST /c HTTP/1.1\r\nHost: iiif.internal\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").readResponse();
            assertThat(r).contains("\"bodyBytes\":11");
        }
    }

    @Test
    void headRequestsGetHeadersOnly() throws Exception {
        try (var raw = new dev.forecourt.http.RawHttp(f.address("ingress"))) {
            raw.send("HEAD / HTTP/1.1\r\nHost: iiif.internal\r\n\r\nGET /after HTTP/1.1\r\nHost: iiif.internal\r\nConnection: close\r\n\r\n");
            String both = raw.readUntilClose();
            // The HEAD answer declares a length but carries no body: the next bytes are the GET's status line.
            assertThat(both).startsWith("HTTP/1.1 200").containsOnlyOnce("{\"app\"").contains("\"method\":\"GET\"")
                    .doesNotContain("\"method\":\"HEAD\"");
            assertThat(both.indexOf("\r\n\r\nHTTP/1.1 200")).isPositive();
        }
    }

    @Test
    void adminServesMetricsAndHealth() throws Exception {
        get(f, "ingress", "iiif.internal", "/");
        get(f, "ingress", "nowhere.test", "/");
        var a = f.address("admin");
        var metrics = Fixture.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + a.getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("forecourt_requests_total{error=\"none\",hop=\"ingress/public\",status=\"200\"}",
                "forecourt_requests_total{error=\"no_route\",hop=\"ingress/public\",status=\"404\"}",
                "forecourt_request_duration_seconds_bucket", "forecourt_upstream_healthy{instance=\"app:echo@");
        var health = Fixture.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + a.getPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        for (String method : new String[] {"POST", "DELETE", "PUT"}) {
            var refused = Fixture.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + a.getPort() + "/metrics")).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(method).isEqualTo(405);
            assertThat(refused.headers().firstValue("allow")).as(method).contains("GET, HEAD");
            assertThat(refused.headers().firstValue("forecourt-error")).as(method).contains("method_not_allowed");
        }
    }
}
