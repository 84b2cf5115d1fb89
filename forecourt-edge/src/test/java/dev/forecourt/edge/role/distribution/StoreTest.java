package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.TestClock;
import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.Origins;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where objects are kept: the disk tier across restarts, integrity, budgets, and invalidation from the admin. */
class StoreTest {
    @TempDir
    Path dir;

    /** CachingOptimized: the key is host and path only, the same after a restart on another port. */
    private static Forecourt start(int originPort, CacheConfig cache) throws Exception {
        BehaviorConfig optimized = new BehaviorConfig(null, "origin", List.of("*"), null, null,
                Distributions.cachePolicy("CachingOptimized"), null, null, null);
        return Forecourt.start(config(distribution(origin("127.0.0.1", originPort), optimized, List.of(), List.of(),
                cache)), 1, clock);
    }

    /** Freshness runs on this: "max-age=1 has passed" is a turn of it, not a second's sleep. */
    private static final TestClock clock = new TestClock();

    private static int port(Forecourt f) {
        return f.address("distribution-edge").getPort();
    }

    @Test
    void theDiskTierSurvivesARestartAndACorruptObjectIsNeverServed() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/a", ok("stored on disk", "Cache-Control", "max-age=600"));
            origin.on("/b", ok("will be damaged", "Cache-Control", "max-age=600"));
            CacheConfig cache = new CacheConfig(8L << 20, 1 << 20, dir, 64L << 20);
            try (Forecourt f = start(origin.port(), cache)) {
                send(port(f), "GET", "/a");
                send(port(f), "GET", "/b");
                long until = System.currentTimeMillis() + 5000;
                while (fileCount() < 2 && System.currentTimeMillis() < until) Thread.sleep(20);
            }
            assertThat(fileCount()).isEqualTo(2);
            Path damaged = null;
            for (Path p : Files.list(dir).toList()) {
                if (new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("will be damaged")) damaged = p;
            }
            byte[] bytes = Files.readAllBytes(damaged);
            bytes[bytes.length - 10] ^= 0x55; // one flipped bit pattern in the body: the checksum no longer matches
            Files.write(damaged, bytes);
            try (Forecourt f = start(origin.port(), cache)) {
                HttpResponse<String> a = send(port(f), "GET", "/a");
                assertThat(a.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
                assertThat(a.body()).isEqualTo("stored on disk");
                HttpResponse<String> b = send(port(f), "GET", "/b");
                assertThat(b.headers().firstValue("x-cache")).hasValue("Miss from forecourt");
                assertThat(b.body()).isEqualTo("will be damaged");
            }
            assertThat(origin.count("/a")).isEqualTo(1);
            assertThat(origin.count("/b")).isEqualTo(2);
        }
    }

    @Test
    void theDiskTierKeepsToItsBudget() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            String big = "x".repeat(400 * 1024);
            origin.on("/big", s -> ok(big, "Cache-Control", "max-age=600"));
            CacheConfig cache = new CacheConfig(8L << 20, 1 << 20, dir, 1L << 20);
            try (Forecourt f = start(origin.port(), cache)) {
                for (int i = 0; i < 6; i++) {
                    send(port(f), "GET", "/big?n=" + i);
                }
                Thread.sleep(500);
            }
            long total = 0;
            for (Path p : Files.list(dir).toList()) total += Files.size(p);
            assertThat(total).isLessThanOrEqualTo(1L << 20).isGreaterThan(0);
        }
    }

    @Test
    void anOriginThatDiesMidBodyLeavesNothingCached() throws Exception {
        try (Origins dying = Origins.answering("HTTP/1.1 200 OK\r\nCache-Control: max-age=600\r\nContent-Length: 1000\r\n\r\n"
                + "only ten b");
             Forecourt f = start(dying.port(), new CacheConfig(8L << 20, 1 << 20, null, 0))) {
            for (int i = 0; i < 2; i++) {
                try {
                    send(port(f), "GET", "/truncated");
                } catch (IOException expected) {
                    // the client sees the body break, as it should
                }
            }
            assertThat(dying.accepted()).isEqualTo(2); // nothing was stored: the second request went to the origin
        }
    }

    @Test
    void adminInvalidationDropsPathsAndPrefixes() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/img/1", ok("1", "Cache-Control", "max-age=600"));
            origin.on("/img/2", ok("2", "Cache-Control", "max-age=600"));
            origin.on("/keep", ok("k", "Cache-Control", "max-age=600"));
            try (Forecourt f = start(origin.port(), new CacheConfig(8L << 20, 1 << 20, null, 0))) {
                for (String p : List.of("/img/1", "/img/2", "/keep")) send(port(f), "GET", p);
                int admin = f.address("admin").getPort();
                HttpResponse<String> r = post(admin, "/distributions/edge/invalidations", "/img/*\n");
                assertThat(r.statusCode()).isEqualTo(201);
                assertThat(r.body()).contains("\"invalidated\":2");
                for (String p : List.of("/img/1", "/img/2", "/keep")) send(port(f), "GET", p);
                assertThat(origin.count("/img/1")).isEqualTo(2);
                assertThat(origin.count("/img/2")).isEqualTo(2);
                assertThat(origin.count("/keep")).isEqualTo(1);
                HttpResponse<String> unknown = post(admin, "/distributions/nope/invalidations", "/x");
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(unknown.body()).contains("no distribution named 'nope'", "edge");
                assertThat(post(admin, "/distributions/edge/invalidations", "img").statusCode()).isEqualTo(400);
                HttpResponse<String> get = send(admin, "GET", "/distributions/edge/invalidations");
                assertThat(get.statusCode()).isEqualTo(405);
                assertThat(get.headers().firstValue("allow")).hasValue("POST");
                assertThat(get.headers().firstValue("forecourt-error")).hasValue("method_not_allowed");
                assertThat(get.headers().firstValue("forecourt-hop")).hasValue("admin");
                HttpResponse<String> elsewhere = send(admin, "GET", "/nothing-here");
                assertThat(elsewhere.statusCode()).isEqualTo(404);
                assertThat(elsewhere.headers().firstValue("forecourt-error")).hasValue("no_route");
                assertThat(elsewhere.body()).contains("/metrics", "'/nothing-here'");
            }
        }
    }

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return Distributions.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long fileCount() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> !p.toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void largeObjectsLiveInTheirFileAndAreSentFromItWholeOrInRanges() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 300_000; i++) b.append(i).append(',');
        String big = b.toString();
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/large", ok(big, "Cache-Control", "max-age=600"));
            CacheConfig cache = new CacheConfig(8L << 20, 1 << 20, dir, 64L << 20);
            try (Forecourt f = start(origin.port(), cache)) {
                assertThat(send(port(f), "GET", "/large").body()).isEqualTo(big);
                long until = System.currentTimeMillis() + 5000;
                while (!memoryBelow(f, 64 * 1024) && System.currentTimeMillis() < until) Thread.sleep(20);
                assertThat(memoryBelow(f, 64 * 1024)).as("the body left memory for its file").isTrue();
                HttpResponse<String> hit = send(port(f), "GET", "/large");
                assertThat(hit.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
                assertThat(hit.body()).isEqualTo(big);
                HttpResponse<String> part = send(port(f), "GET", "/large", "Range", "bytes=100000-100009");
                assertThat(part.statusCode()).isEqualTo(206);
                assertThat(part.body()).isEqualTo(big.substring(100000, 100010));
                assertThat(send(port(f), "HEAD", "/large").headers().firstValue("content-length"))
                        .hasValue(Integer.toString(big.length()));
            }
            try (Forecourt f = start(origin.port(), cache)) {
                HttpResponse<String> again = send(port(f), "GET", "/large");
                assertThat(again.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
                assertThat(again.body()).isEqualTo(big);
            }
            assertThat(origin.count("/large")).isEqualTo(1);
        }
    }

    private static boolean memoryBelow(Forecourt f, long bytes) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("forecourt_cache_bytes\\{distribution=\"edge\",tier=\"memory\"} ([0-9.E]+)")
                .matcher(f.metrics().scrape());
        return m.find() && Double.parseDouble(m.group(1)) < bytes;
    }

    @Test
    void aBodyGoneFromDiskIsAMissEvenWhenTheOriginAnswers304() throws Exception {
        String big = "y".repeat(200_000);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        try (TestOrigin origin = new TestOrigin()) {
            origin.on("/gone", req -> n.incrementAndGet() == 2 && req.header("If-None-Match") != null
                    ? new TestOrigin.Answer(304, TestOrigin.Answer.pairs("ETag", "\"g\"", "Cache-Control", "max-age=1"), "", 0)
                    : ok(big, "ETag", "\"g\"", "Cache-Control", "max-age=1"));
            try (Forecourt f = start(origin.port(), new CacheConfig(8L << 20, 1 << 20, dir, 64L << 20))) {
                send(port(f), "GET", "/gone");
                long until = System.currentTimeMillis() + 5000;
                while (!memoryBelow(f, 64 * 1024) && System.currentTimeMillis() < until) Thread.sleep(20);
                clock.advance(Duration.ofMillis(1100)); // stale: the next request revalidates
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) Files.delete(p);
                }
                HttpResponse<String> r = send(port(f), "GET", "/gone");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(big);
                assertThat(origin.count("/gone")).isEqualTo(3); // the first fetch, the 304, the fetch again
                assertThat(origin.last().header("If-None-Match")).isNull();
            }
        }
    }
}
