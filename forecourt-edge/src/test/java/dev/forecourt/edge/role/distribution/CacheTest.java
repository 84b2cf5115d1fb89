package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.rfc;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.TestClock;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.TestOrigin.Answer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared cache of a distribution, through real sockets, against an origin that counts what reaches it. */
class CacheTest {
    static TestOrigin origin;
    static Forecourt f;
    static int port;
    /** Freshness runs on this: "max-age=1 has passed" is a turn of it, not a second's sleep. */
    static final TestClock clock = new TestClock();

    @BeforeAll
    static void start() throws Exception {
        origin = new TestOrigin();
        f = Forecourt.start(config(distribution(origin("127.0.0.1", origin.port()), rfc(), List.of(), List.of(),
                new CacheConfig(64L << 20, 1 << 20, null, 0))), 2, clock);
        port = f.address("distribution-edge").getPort();
    }

    @AfterAll
    static void stop() {
        f.close();
        origin.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(port, "GET", path, headers);
    }

    @Test
    void aFreshResponseIsServedFromTheCacheWithAnAge() throws Exception {
        origin.on("/fresh", ok("hello", "Cache-Control", "max-age=60"));
        HttpResponse<String> first = get("/fresh");
        HttpResponse<String> second = get("/fresh");
        assertThat(first.headers().firstValue("x-cache")).hasValue("Miss from forecourt");
        assertThat(second.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(second.body()).isEqualTo("hello");
        assertThat(second.headers().firstValue("age")).isPresent();
        assertThat(second.headers().firstValue("server-timing").orElseThrow()).contains("desc=\"Hit\"");
        assertThat(origin.count("/fresh")).isEqualTo(1);
        long until = System.currentTimeMillis() + 2000; // counted once the answer is written, a moment after the client has it
        while (!f.metrics().scrape().contains("result=\"Hit\"") && System.currentTimeMillis() < until) Thread.sleep(10);
        assertThat(f.metrics().scrape()).contains("forecourt_cache_results_total{hop=\"distribution/edge\",result=\"Hit\"}")
                .containsPattern("forecourt_cache_bytes\\{distribution=\"edge\",tier=\"memory\"} [1-9]");
    }

    @Test
    void queryStringsAreInTheKey() throws Exception {
        origin.on("/q", s -> ok(s.uri(), "Cache-Control", "max-age=60"));
        assertThat(get("/q?a=1").body()).isEqualTo("/q?a=1");
        assertThat(get("/q?a=2").body()).isEqualTo("/q?a=2");
        assertThat(get("/q?a=1").headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(origin.count("/q")).isEqualTo(2);
    }

    @Test
    void noStorePrivateMaxAgeZeroAndAuthorizationAreNotReused() throws Exception {
        origin.on("/nostore", ok("x", "Cache-Control", "no-store, max-age=60"));
        origin.on("/private", ok("x", "Cache-Control", "private, max-age=60"));
        origin.on("/zero", ok("x", "Cache-Control", "max-age=0"));
        origin.on("/auth", ok("x", "Cache-Control", "max-age=60"));
        for (String p : List.of("/nostore", "/private", "/zero")) {
            get(p);
            get(p);
            assertThat(origin.count(p)).as(p).isEqualTo(2);
        }
        get("/auth", "Authorization", "Bearer a");
        get("/auth", "Authorization", "Bearer a");
        assertThat(origin.count("/auth")).isEqualTo(2);
    }

    @Test
    void varyKeepsOneObjectPerSelectingHeaderValue() throws Exception {
        origin.on("/vary", s -> ok("lang " + s.header("Accept-Language"), "Cache-Control", "max-age=60",
                "Vary", "Accept-Language"));
        assertThat(get("/vary", "Accept-Language", "en").body()).isEqualTo("lang en");
        assertThat(get("/vary", "Accept-Language", "de").body()).isEqualTo("lang de");
        HttpResponse<String> en = get("/vary", "Accept-Language", "en");
        assertThat(en.body()).isEqualTo("lang en");
        assertThat(en.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(origin.count("/vary")).isEqualTo(2);
        origin.on("/star", ok("x", "Cache-Control", "max-age=60", "Vary", "*"));
        get("/star");
        get("/star");
        assertThat(origin.count("/star")).isEqualTo(2);
    }

    @Test
    void varyIsMatchedOnWhatTheViewerSentNotOnWhatTheEdgeAddedForTheOrigin() throws Exception {
        // as the IIIF service does: its ids depend on X-Forwarded-Host and Host, which the edge itself sets
        origin.on("/ids", ok("id", "Cache-Control", "max-age=60", "Vary", "Host, X-Forwarded-Host, Forwarded"));
        get("/ids");
        assertThat(get("/ids").headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(origin.count("/ids")).isEqualTo(1);
    }

    @Test
    void aStaleResponseIsRevalidatedAndA304FreshensItsHeaders() throws Exception {
        AtomicInteger n = new AtomicInteger();
        origin.on("/reval", s -> {
            if (n.incrementAndGet() == 1) {
                return ok("body", "Cache-Control", "max-age=1", "ETag", "\"v1\"", "X-Version", "1");
            }
            assertThat(s.header("If-None-Match")).isEqualTo("\"v1\"");
            return new Answer(304, Answer.pairs("Cache-Control", "max-age=60", "ETag", "\"v1\"", "X-Version", "2"), "", 0);
        });
        get("/reval");
        clock.advance(Duration.ofMillis(1100));
        HttpResponse<String> r = get("/reval");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("body");
        assertThat(r.headers().firstValue("x-cache")).hasValue("RefreshHit from forecourt");
        assertThat(r.headers().firstValue("x-version")).hasValue("2");
        assertThat(get("/reval").headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(origin.count("/reval")).isEqualTo(2);
    }

    @Test
    void theClientsOwnValidatorsGetA304FromTheCache() throws Exception {
        origin.on("/etag", ok("abc", "Cache-Control", "max-age=60", "ETag", "\"e1\""));
        get("/etag");
        HttpResponse<String> r = get("/etag", "If-None-Match", "W/\"e1\"");
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.headers().firstValue("etag")).hasValue("\"e1\"");
        assertThat(origin.count("/etag")).isEqualTo(1);
    }

    @Test
    void rangesAndHeadAreServedFromTheWholeStoredObject() throws Exception {
        origin.on("/range", ok("0123456789", "Cache-Control", "max-age=60"));
        get("/range");
        HttpResponse<String> part = get("/range", "Range", "bytes=2-4");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("234");
        assertThat(part.headers().firstValue("content-range")).hasValue("bytes 2-4/10");
        assertThat(get("/range", "Range", "bytes=-3").body()).isEqualTo("789");
        assertThat(get("/range", "Range", "bytes=20-").statusCode()).isEqualTo(416);
        HttpResponse<String> head = send(port, "HEAD", "/range");
        assertThat(head.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(head.headers().firstValue("content-length")).hasValue("10");
        assertThat(origin.count("/range")).isEqualTo(1);
    }

    @Test
    void aSuccessfulUnsafeRequestInvalidatesItsUrlAndItsLocation() throws Exception {
        origin.on("/doc", ok("doc", "Cache-Control", "max-age=60"));
        origin.on("/other", ok("other", "Cache-Control", "max-age=60"));
        origin.on("/form", new Answer(201, Answer.pairs("Location", "/other"), "made", 0));
        get("/doc");
        get("/other");
        send(port, "POST", "/doc");
        send(port, "POST", "/form");
        get("/doc");
        get("/other");
        assertThat(origin.count("/doc")).isEqualTo(3); // GET, POST, GET again
        assertThat(origin.count("/other")).isEqualTo(2);
    }

    @Test
    void concurrentMissesForOneKeyMakeOneOriginRequest() throws Exception {
        origin.on("/slow", new Answer(200, Answer.pairs("Cache-Control", "max-age=60"), "slow", 400));
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return get("/slow");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (var r : all) {
            assertThat(r.get().body()).isEqualTo("slow");
        }
        assertThat(origin.count("/slow")).isEqualTo(1);
    }

    @Test
    void staleIfErrorServesTheStoredResponseWhenTheOriginFails() throws Exception {
        AtomicInteger n = new AtomicInteger();
        origin.on("/sie", s -> n.incrementAndGet() == 1
                ? ok("good", "Cache-Control", "max-age=1, stale-if-error=60")
                : new Answer(500, Map.of(), "broken", 0));
        get("/sie");
        clock.advance(Duration.ofMillis(1100));
        HttpResponse<String> r = get("/sie");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("good");
        assertThat(origin.count("/sie")).isEqualTo(2);
    }

    @Test
    void staleWhileRevalidateAnswersAtOnceAndRefreshesBehind() throws Exception {
        AtomicInteger n = new AtomicInteger();
        origin.on("/swr", s -> ok("v" + n.incrementAndGet(), "Cache-Control", "max-age=1, stale-while-revalidate=60"));
        get("/swr");
        clock.advance(Duration.ofMillis(1100));
        assertThat(get("/swr").body()).isEqualTo("v1");
        long until = System.currentTimeMillis() + 3000;
        while (origin.count("/swr") < 2 && System.currentTimeMillis() < until) Thread.sleep(20);
        Thread.sleep(100);
        assertThat(get("/swr").body()).isEqualTo("v2");
    }

    @Test
    void cdnCacheControlWinsOverCacheControl() throws Exception {
        origin.on("/cdn", ok("x", "Cache-Control", "no-store", "CDN-Cache-Control", "max-age=60"));
        get("/cdn");
        assertThat(get("/cdn").headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(origin.count("/cdn")).isEqualTo(1);
    }

    @Test
    void heuristicFreshnessOnlyForHeuristicallyCacheableStatuses() throws Exception {
        String lm = "Thu, 01 Jan 2015 00:00:00 GMT";
        origin.on("/h200", ok("x", "Last-Modified", lm));
        origin.on("/h201", new Answer(201, Answer.pairs("Last-Modified", lm), "x", 0));
        get("/h200");
        get("/h200");
        get("/h201");
        get("/h201");
        assertThat(origin.count("/h200")).isEqualTo(1);
        assertThat(origin.count("/h201")).isEqualTo(2);
    }

    @Test
    void connectionScopedAndProxyHeadersAreNotStored() throws Exception {
        origin.on("/hdr", ok("x", "Cache-Control", "max-age=60", "Proxy-Authenticate", "Basic", "X-Keep", "1"));
        get("/hdr");
        HttpResponse<String> r = get("/hdr");
        assertThat(r.headers().firstValue("x-keep")).hasValue("1");
        assertThat(r.headers().firstValue("proxy-authenticate")).isEmpty();
    }

    @Test
    void requestDirectivesOnlyIfCachedAndMaxAgeZero() throws Exception {
        HttpResponse<String> none = get("/not-stored", "Cache-Control", "only-if-cached");
        assertThat(none.statusCode()).isEqualTo(504);
        assertThat(none.headers().firstValue("forecourt-error")).hasValue("not_cached");
        assertThat(origin.count("/not-stored")).isZero();
        origin.on("/req", ok("r", "Cache-Control", "max-age=60", "ETag", "\"r1\""));
        get("/req");
        assertThat(get("/req", "Cache-Control", "only-if-cached").headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        HttpResponse<String> fresh = get("/req", "Cache-Control", "max-age=0");
        assertThat(fresh.headers().firstValue("x-cache")).isNotEqualTo(java.util.Optional.of("Hit from forecourt"));
        assertThat(origin.count("/req")).isEqualTo(2);
        assertThat(origin.last().header("If-None-Match")).isEqualTo("\"r1\"");
    }

    @Test
    void anObjectOverMaxObjectSizeStreamsThroughAndIsNotKept() throws Exception {
        String big = "z".repeat(1_500_000); // this cache keeps objects up to 1 MiB
        origin.on("/huge", ok(big, "Cache-Control", "max-age=60"));
        assertThat(get("/huge").body()).hasSize(big.length());
        HttpResponse<String> again = get("/huge");
        assertThat(again.body()).isEqualTo(big);
        assertThat(again.headers().firstValue("x-cache")).hasValue("Miss from forecourt");
        assertThat(origin.count("/huge")).isEqualTo(2);
    }
}
