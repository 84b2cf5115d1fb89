package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.TestClock;
import static dev.forecourt.edge.role.distribution.Distributions.cachePolicy;
import static dev.forecourt.edge.role.distribution.Distributions.origin;
import static dev.forecourt.edge.role.distribution.Distributions.send;
import static dev.forecourt.edge.role.distribution.TestOrigin.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.role.distribution.CustomErrorResponse;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.role.distribution.TestOrigin.Answer;
import dev.forecourt.http.Limits;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A distribution's customErrorResponses, as the cloud runs them: an error status named with a page is answered with
 * that page, fetched through the behavior whose pattern matches its path (here another origin, as a bucket of pages
 * would be), with the response code asked for; the error itself is kept for its errorCachingMinTTL, so the origin
 * that failed is asked again only after it.
 */
class CustomErrorResponsesTest {
    static TestOrigin app;
    static TestOrigin pages;
    static Forecourt f;
    /** Error caching runs on this: "the TTL has passed" is a turn of it, not a wait. */
    static final TestClock clock = new TestClock();
    static int port;

    @BeforeAll
    static void start() throws Exception {
        app = new TestOrigin();
        pages = new TestOrigin();
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort(); // nothing listens here once closed: connections are refused
        }
        Map<String, OriginConfig> origins = new LinkedHashMap<>();
        origins.put("app", rename(origin("127.0.0.1", app.port()), "app"));
        origins.put("pages", rename(origin("127.0.0.1", pages.port()), "pages"));
        origins.put("gone", rename(origin("127.0.0.1", dead), "gone"));
        BehaviorConfig dflt = new BehaviorConfig(null, "app", null, null, null, cachePolicy("CachingOptimized"), null,
                null, null);
        List<BehaviorConfig> behaviors = List.of(
                new BehaviorConfig("/errors/*", "pages", null, null, null, cachePolicy("CachingOptimized"), null, null, null),
                new BehaviorConfig("/gone/*", "gone", null, null, null, cachePolicy("CachingOptimized"), null, null, null));
        List<CustomErrorResponse> errors = List.of(
                new CustomErrorResponse(503, Duration.ofSeconds(1), 200, "/errors/maintenance.html"),
                new CustomErrorResponse(404, null, 0, "/errors/404.html"),
                new CustomErrorResponse(502, null, 0, "/errors/502.html"),
                new CustomErrorResponse(500, null, 0, "/errors/missing.html"));
        DistributionConfig d = new DistributionConfig("edge", "127.0.0.1:0", List.of(), null, origins, behaviors, dflt,
                CacheConfig.DEFAULT, AccessLogConfig.OFF, Limits.DEFAULT, null, errors);
        pages.on("/errors/maintenance.html", ok("back soon", "Content-Type", "text/html", "Cache-Control", "max-age=60"));
        pages.on("/errors/404.html", ok("no such page", "Content-Type", "text/html"));
        pages.on("/errors/502.html", ok("origin unreachable", "Content-Type", "text/html"));
        f = Forecourt.start(Distributions.config(d), 1, clock);
        port = f.address("distribution-edge").getPort();
    }

    private static OriginConfig rename(OriginConfig o, String name) {
        return new OriginConfig(name, o.domain(), o.httpPort(), o.httpsPort(), o.protocolPolicy(), null, null,
                o.connectTimeout(), o.readTimeout(), null, null, null);
    }

    @AfterAll
    static void stop() {
        f.close();
        app.close();
        pages.close();
    }

    @Test
    void anOriginErrorIsAnsweredWithItsPageAndKeptForItsMinimumTtl() throws Exception {
        app.on("/down", new Answer(503, Map.of(), "origin says 503", 0));
        HttpResponse<String> first = send(port, "GET", "/down");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("back soon");
        assertThat(first.headers().firstValue("content-type")).hasValue("text/html");
        HttpResponse<String> second = send(port, "GET", "/down");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("back soon");
        assertThat(app.count("/down")).as("the 503 is kept for its errorCachingMinTTL").isEqualTo(1);
        assertThat(pages.count("/errors/maintenance.html")).as("the page is kept by its own behavior").isEqualTo(1);
        clock.advance(Duration.ofMillis(1200));
        send(port, "GET", "/down");
        assertThat(app.count("/down")).as("after 1 s the origin is asked again").isEqualTo(2);
    }

    @Test
    void withoutAResponseCodeTheErrorsOwnStatusGoesWithThePage() throws Exception {
        HttpResponse<String> r = send(port, "GET", "/nothing-here");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("no such page");
        assertThat(pages.last().header("Host")).isEqualTo("127.0.0.1");
    }

    @Test
    void anOriginThatCannotBeReachedGetsItsPageToo() throws Exception {
        HttpResponse<String> r = send(port, "GET", "/gone/x");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).isEqualTo("origin unreachable");
    }

    @Test
    void whenThePageItselfFailsTheErrorGoesOutAsItCame() throws Exception {
        app.on("/broken", new Answer(500, Map.of(), "origin says 500", 0));
        HttpResponse<String> r = send(port, "GET", "/broken");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("origin says 500");
    }

    @Test
    void statusesNotNamedPassAsTheyAre() throws Exception {
        app.on("/teapot", new Answer(418, Map.of(), "short and stout", 0));
        HttpResponse<String> r = send(port, "GET", "/teapot");
        assertThat(r.statusCode()).isEqualTo(418);
        assertThat(r.body()).isEqualTo("short and stout");
    }
}
