package dev.forecourt.edge.role.distribution;

import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.config;
import static dev.forecourt.edge.role.distribution.Distributions.distribution;
import static dev.forecourt.edge.role.distribution.Distributions.orp;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.TestOrigin.Answer;
import dev.forecourt.http.RawHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A CDN is trusted with other people's answers: under CachingOptimized (minTTL 1 s, default TTL a day) and an origin
 * request policy that forwards cookies, one viewer's private answer never reaches another.
 */
class PrivateAnswersTest {
    static TestOrigin origin;
    static Forecourt f;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        origin = new TestOrigin();
        BehaviorConfig optimized = new BehaviorConfig(null, "origin", List.of("*"), null, null,
                cachePolicy("CachingOptimized"), orp("AllViewer"), null, null);
        f = Forecourt.start(config(distribution(origin("127.0.0.1", origin.port()), optimized, List.of(), List.of(),
                new CacheConfig(64L << 20, 1 << 20, null, 0))), 2);
        port = f.address("distribution-edge").getPort();
    }

    @AfterAll
    static void stop() {
        f.close();
        origin.close();
    }

    private static Answer whoAsked(TestOrigin.Seen s, String cacheControl) {
        String cookie = s.header("Cookie");
        return ok("user=" + (cookie == null ? "nobody" : cookie.substring(cookie.indexOf('=') + 1)), "Cache-Control", cacheControl);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no-store", "private", "private, max-age=600", "no-store, max-age=600"})
    void anAnswerMarkedNoStoreOrPrivateIsNeverServedToAnotherViewer(String cacheControl) throws Exception {
        String path = "/me-" + cacheControl.replaceAll("[^a-z0-9]", "");
        origin.on(path, s -> whoAsked(s, cacheControl));
        assertThat(send(port, "GET", path, "Cookie", "u=alice").body()).isEqualTo("user=alice");
        HttpResponse<String> bob = send(port, "GET", path, "Cookie", "u=bob");
        assertThat(bob.body()).isEqualTo("user=bob");
        assertThat(bob.headers().firstValue("x-cache")).hasValue("Miss from forecourt");
        assertThat(origin.count(path)).isEqualTo(2);
    }

    @Test
    void viewersWaitingOnTheSameMissDoNotGetAPrivateAnswer() throws Exception {
        origin.on("/slow-me", s -> {
            Answer a = whoAsked(s, "private");
            return new Answer(a.status(), a.headers(), a.body(), 300);
        });
        List<CompletableFuture<String>> bodies = new ArrayList<>();
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            bodies.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return user + ":" + send(port, "GET", "/slow-me", "Cookie", "u=" + user).body();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
            Thread.sleep(20); // alice leads the miss; the others arrive while it is in flight
        }
        for (CompletableFuture<String> b : bodies) {
            String[] who = b.get().split(":");
            assertThat(who[1]).as("what %s got", who[0]).isEqualTo("user=" + who[0]);
        }
    }

    @Test
    void setCookieIsNeverReplayedToAnotherViewer() throws Exception {
        origin.on("/login", s -> ok("welcome", "Cache-Control", "max-age=600",
                "Set-Cookie", "session=" + s.header("Cookie").substring(2)));
        HttpResponse<String> alice = send(port, "GET", "/login", "Cookie", "u=alice");
        assertThat(alice.headers().allValues("set-cookie")).containsExactly("session=alice");
        HttpResponse<String> bob = send(port, "GET", "/login", "Cookie", "u=bob");
        assertThat(bob.headers().allValues("set-cookie")).isEmpty(); // kept without it, as CloudFront keeps it
        assertThat(bob.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
        assertThat(bob.body()).isEqualTo("welcome");
    }

    @Test
    void aGetWithABodyIsRefusedAndNeverCachedUnderTheBodilessKey() throws Exception {
        origin.on("/poison", s -> ok("from " + s.method() + " " + s.headers().getFirst("Content-Length"),
                "Cache-Control", "max-age=600"));
        try (RawHttp c = new RawHttp(f.address("distribution-edge"))) {
            String r = c.send("GET /poison HTTP/1.1\r\nHost: edge\r\nContent-Length: 7\r\nConnection: close\r\n\r\npoison!")
                    .readUntilClose();
            assertThat(r).startsWith("HTTP/1.1 400").contains("forecourt-error: bad_request", "body");
        }
        try (RawHttp c = new RawHttp(f.address("distribution-edge"))) {
            String r = c.send("GET /poison HTTP/1.1\r\nHost: edge\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "7\r\npoison!\r\n0\r\n\r\n").readUntilClose();
            assertThat(r).startsWith("HTTP/1.1 400").contains("forecourt-error: bad_request");
        }
        assertThat(origin.count("/poison")).isZero();
        HttpResponse<String> next = send(port, "GET", "/poison");
        assertThat(next.body()).isIn("from GET null", "from GET 0");
        assertThat(next.headers().firstValue("x-cache")).hasValue("Miss from forecourt");
    }
}
