package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.orp;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.function.EdgeFunction;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.OriginRequestPolicy;
import dev.forecourt.edge.policy.ResponseHeadersPolicy;
import dev.forecourt.edge.policy.Selection;
import dev.forecourt.edge.policy.Ttl;
import dev.forecourt.edge.route.PathPattern;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviors by path pattern, and what each policy and function does to requests and responses on the wire. */
class BehaviorTest {
    static TestOrigin origin;
    static Forecourt f;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        origin = new TestOrigin();
        OriginConfig o = new OriginConfig("origin", "app.internal", origin.port(), 443, "http-only", null, null, null,
                null, null, Map.of("X-Origin-Secret", "s3"), "/prod");
        CachePolicy byLang = new CachePolicy("ByLang", new Ttl(Duration.ZERO, Duration.ofSeconds(60), Duration.ofDays(1)),
                Selection.only("accept-language"), Selection.NONE, Selection.exactly("v"), false, false);
        CachePolicy byCookie = new CachePolicy("ByCookie", new Ttl(Duration.ZERO, Duration.ofSeconds(60), Duration.ofDays(1)),
                Selection.NONE, Selection.exactly("lang"), Selection.NONE, false, false);
        ResponseHeadersPolicy headers = new ResponseHeadersPolicy("Mine", ResponseHeadersPolicy.MANAGED.get("SimpleCORS").cors(),
                List.of(new ResponseHeadersPolicy.Header("X-Frame-Options", "DENY", true),
                        new ResponseHeadersPolicy.Header("X-Fill", "edge", false)), List.of("Server"), true);
        EdgeFunction redirect = new EdgeFunction("old", new PathPattern("/old/*"), null, null, null, null,
                new EdgeFunction.Redirect(301, "https://$host/new$uri"), null);
        EdgeFunction hostEdit = new EdgeFunction("host", null, Map.of("Host", "rewritten.internal", "X-Seen", "$uri"),
                List.of("X-Drop"), "/rewritten$uri", null, null, null);
        EdgeFunction generated = new EdgeFunction("maintenance", new PathPattern("/down/*"), null, null, null, null, null,
                new EdgeFunction.Generated(503, "text/plain", "down for $uri"));
        EdgeFunction stamp = new EdgeFunction("stamp", null, Map.of("X-Stamped", "yes"), List.of("X-Internal"), null,
                null, null, null);
        List<BehaviorConfig> behaviors = List.of(
                new BehaviorConfig("/api/*", "origin", List.of("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"),
                        null, null, cachePolicy("CachingDisabled"), orp("AllViewerExceptHostHeader"), null, null),
                new BehaviorConfig("/lang/*", "origin", null, null, null, byLang, OriginRequestPolicy.NONE, headers,
                        Map.of(EdgeFunction.Event.VIEWER_RESPONSE, stamp)),
                new BehaviorConfig("/old/*", "origin", null, null, null, cachePolicy("CachingOptimized"), null, null,
                        Map.of(EdgeFunction.Event.VIEWER_REQUEST, redirect)),
                new BehaviorConfig("/fn/*", "origin", null, null, null, cachePolicy("CachingDisabled"), orp("AllViewer"),
                        null, Map.of(EdgeFunction.Event.ORIGIN_REQUEST, hostEdit)),
                new BehaviorConfig("/secure/*", "origin", null, null, "https-only", cachePolicy("CachingOptimized"),
                        null, null, null),
                new BehaviorConfig("/down/*", "origin", null, null, null, cachePolicy("CachingOptimized"), null, null,
                        Map.of(EdgeFunction.Event.VIEWER_REQUEST, generated)),
                new BehaviorConfig("/cookie/*", "origin", null, null, null, byCookie, OriginRequestPolicy.NONE, null, null),
                new BehaviorConfig("/preflight/*", "origin", List.of("GET", "HEAD", "OPTIONS"),
                        List.of("GET", "HEAD", "OPTIONS"), null, byCookie, OriginRequestPolicy.NONE, null, null));
        BehaviorConfig dflt = new BehaviorConfig(null, "origin", null, null, "redirect-to-https",
                cachePolicy("CachingOptimized"), null, null, null);
        f = Forecourt.start(config(distribution(o, dflt, behaviors, List.of(), CacheConfig.DEFAULT),
                Map.of("app.internal", "127.0.0.1")), 1);
        port = f.address("distribution-edge").getPort();
    }

    @AfterAll
    static void stop() {
        f.close();
        origin.close();
    }

    @Test
    void behaviorsMatchInOrderAndTheRestTakesTheDefault() throws Exception {
        HttpResponse<String> r = send(port, "GET", "/anything");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("location").orElseThrow()).startsWith("https://127.0.0.1").endsWith("/anything");
    }

    @Test
    void allowedMethodsRefuseTheRestWith405AndAllow() throws Exception {
        HttpResponse<String> r = send(port, "POST", "/lang/x");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("forecourt-error")).hasValue("method_not_allowed");
        assertThat(r.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(r.body()).contains("/lang/*", "allowedMethods");
        origin.on("/prod/api/post", ok("posted"));
        assertThat(send(port, "POST", "/api/post").body()).isEqualTo("posted");
    }

    @Test
    void theOriginGetsItsDomainAsHostOnlyWhatPoliciesTakeItsHeadersAndItsPathPrefix() throws Exception {
        origin.on("/prod/api/echo", ok("ok"));
        send(port, "GET", "/api/echo?a=1", "X-Viewer", "v", "Host", "d.example.org");
        TestOrigin.Seen s = origin.last();
        assertThat(s.uri()).isEqualTo("/prod/api/echo?a=1");
        assertThat(s.header("Host")).isEqualTo("app.internal");
        assertThat(s.header("X-Viewer")).isEqualTo("v");
        assertThat(s.header("X-Origin-Secret")).isEqualTo("s3");
        assertThat(s.header("X-Forwarded-Host")).isEqualTo("d.example.org");
        origin.on("/prod/lang/echo", ok("ok", "Cache-Control", "max-age=0"));
        send(port, "GET", "/lang/echo?v=2&w=3", "X-Viewer", "v", "Accept-Language", "fr", "Cookie", "a=b");
        s = origin.last();
        assertThat(s.uri()).isEqualTo("/prod/lang/echo?v=2");
        assertThat(s.header("X-Viewer")).isNull();
        assertThat(s.header("Cookie")).isNull();
        assertThat(s.header("Accept-Language")).isEqualTo("fr");
    }

    @Test
    void aCachePolicyKeysOnTheHeadersItNames() throws Exception {
        origin.on("/prod/lang/page", s -> ok("in " + s.header("Accept-Language")));
        assertThat(send(port, "GET", "/lang/page", "Accept-Language", "en").body()).isEqualTo("in en");
        assertThat(send(port, "GET", "/lang/page", "Accept-Language", "nl").body()).isEqualTo("in nl");
        HttpResponse<String> again = send(port, "GET", "/lang/page?ignored=1", "Accept-Language", "en");
        assertThat(again.body()).isEqualTo("in en");
        assertThat(again.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(origin.count("/prod/lang/page")).isEqualTo(2);
    }

    @Test
    void theResponseHeadersPolicyAndViewerResponseFunctionEditEveryAnswer() throws Exception {
        origin.on("/prod/lang/h", ok("h", "Server", "origin-server", "X-Frame-Options", "SAMEORIGIN", "X-Fill", "origin",
                "X-Internal", "1"));
        for (int i = 0; i < 2; i++) { // a miss, then a hit: both edited
            HttpResponse<String> r = send(port, "GET", "/lang/h", "Origin", "https://viewer.example");
            assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(r.headers().firstValue("x-frame-options")).hasValue("DENY");
            assertThat(r.headers().firstValue("x-fill")).hasValue("origin");
            assertThat(r.headers().firstValue("server")).isEmpty();
            assertThat(r.headers().firstValue("x-stamped")).hasValue("yes");
            assertThat(r.headers().firstValue("x-internal")).isEmpty();
            assertThat(r.headers().allValues("server-timing").toString()).contains(i == 0 ? "cdn-cache-miss" : "cdn-cache-hit");
        }
        // CORS headers answer CORS requests only (as CloudFront's policy); the other edits go on every answer
        HttpResponse<String> plain = send(port, "GET", "/lang/h");
        assertThat(plain.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(plain.headers().firstValue("x-frame-options")).hasValue("DENY");
    }

    @Test
    void functionsRedirectAndEditHostAndUri() throws Exception {
        HttpResponse<String> r = send(port, "GET", "/old/page", "Host", "d.example.org");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("location")).hasValue("https://d.example.org/new/old/page");
        origin.on("/prod/rewritten/fn/x", ok("rewritten"));
        assertThat(send(port, "GET", "/fn/x", "X-Drop", "1").body()).isEqualTo("rewritten");
        TestOrigin.Seen s = origin.last();
        assertThat(s.header("Host")).isEqualTo("rewritten.internal");
        assertThat(s.header("X-Seen")).isEqualTo("/fn/x");
        assertThat(s.header("X-Drop")).isNull();
    }

    @Test
    void httpsOnlyRefusesPlainHttp() throws Exception {
        HttpResponse<String> r = send(port, "GET", "/secure/a");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("https-only");
    }

    @Test
    void aFunctionCanAnswerWithAGeneratedResponse() throws Exception {
        HttpResponse<String> r = send(port, "GET", "/down/page");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("down for /down/page");
        assertThat(origin.count("/prod/down/page")).isZero();
    }

    @Test
    void cookiesNamedByTheCachePolicyAreInTheKeyAndTheOnlyOnesForwarded() throws Exception {
        origin.on("/prod/cookie/c", s -> ok("cookie " + s.header("Cookie")));
        assertThat(send(port, "GET", "/cookie/c", "Cookie", "lang=en; session=1").body()).isEqualTo("cookie lang=en");
        assertThat(send(port, "GET", "/cookie/c", "Cookie", "lang=nl; session=1").body()).isEqualTo("cookie lang=nl");
        HttpResponse<String> again = send(port, "GET", "/cookie/c", "Cookie", "session=2; lang=en");
        assertThat(again.body()).isEqualTo("cookie lang=en");
        assertThat(again.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(origin.count("/prod/cookie/c")).isEqualTo(2);
    }

    @Test
    void optionsResponsesAreCachedWhenTheBehaviorSaysSoApartFromGet() throws Exception {
        origin.on("/prod/preflight/p", s -> ok(s.method()));
        assertThat(send(port, "OPTIONS", "/preflight/p").body()).isEqualTo("OPTIONS");
        HttpResponse<String> again = send(port, "OPTIONS", "/preflight/p");
        assertThat(again.body()).isEqualTo("OPTIONS");
        assertThat(again.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(send(port, "GET", "/preflight/p").body()).isEqualTo("GET");
        assertThat(origin.count("/prod/preflight/p")).isEqualTo(2);
    }
}
