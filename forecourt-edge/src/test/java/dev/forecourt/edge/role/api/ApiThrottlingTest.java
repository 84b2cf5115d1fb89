package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.throttle.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throttled routes through real sockets: API Gateway's 429, per-caller buckets, and buckets shared through Redis. */
class ApiThrottlingTest {
    @TempDir Path dir;

    private static String api(String cluster, String throttling) throws Exception {
        return ApiTest.platform(ApiTest.freePort(), ApiTest.freePort(), "") + cluster + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    throttling: %s
                    routes:
                      - route: "GET /{proxy+}"
                        integration: {link: nlb, parameterMapping: {"overwrite:header.Host": iiif.internal}}
                """.formatted(throttling);
    }

    private Forecourt start(String yaml, String name) throws Exception {
        return Forecourt.start(ConfigReader.read(dir.resolve(name), yaml), 1);
    }

    @Test
    void aBucketOfTwoLetsTwoThroughThenAnswersAsApiGateway() throws Exception {
        try (Forecourt f = start(api("", "{rateLimit: 0.5, burstLimit: 2}"), "a.yaml")) {
            assertThat(ApiTest.send(f, "GET", "/x").statusCode()).isEqualTo(200);
            assertThat(ApiTest.send(f, "GET", "/x").statusCode()).isEqualTo(200);
            HttpResponse<String> third = ApiTest.send(f, "GET", "/x");
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
            assertThat(third.headers().firstValue("forecourt-error")).hasValue("throttled");
        }
    }

    @Test
    void theApisBucketIsOneForAllItsRoutes() throws Exception {
        String yaml = api("", "{rateLimit: 0.5, burstLimit: 2}").replace("""
                      - route: "GET /{proxy+}"
                """, """
                      - route: "GET /a"
                        integration: {link: nlb, parameterMapping: {"overwrite:header.Host": iiif.internal}}
                      - route: "GET /{proxy+}"
                """);
        try (Forecourt f = start(yaml, "c.yaml")) {
            int allowed = 0;
            for (int i = 0; i < 3; i++) {
                allowed += ApiTest.send(f, "GET", "/a").statusCode() == 200 ? 1 : 0;
                allowed += ApiTest.send(f, "GET", "/b").statusCode() == 200 ? 1 : 0;
            }
            assertThat(allowed).as("a burst of 2 for the API, not 2 for each route").isEqualTo(2);
        }
    }

    @Test
    void aKeyGivesEachCallerABucketOfItsOwn() throws Exception {
        try (Forecourt f = start(api("", "{rateLimit: 0.5, burstLimit: 1, key: $request.header.x-api-key}"), "b.yaml")) {
            assertThat(ApiTest.send(f, "GET", "/x", "x-api-key", "alice").statusCode()).isEqualTo(200);
            assertThat(ApiTest.send(f, "GET", "/x", "x-api-key", "alice").statusCode()).isEqualTo(429);
            assertThat(ApiTest.send(f, "GET", "/x", "x-api-key", "bob").statusCode()).as("bob's own bucket").isEqualTo(200);
        }
    }

    @Test
    void twoProcessesWithOneRedisShareTheBucket() throws Exception {
        assumeTrue(RedisServer.binary().isPresent(), "redis-server is not installed (apt-get install -y redis-server)");
        try (RedisServer redis = RedisServer.start()) {
            String cluster = "cluster: {redis: \"" + redis.uri() + "\"}\n";
            try (Forecourt one = start(api(cluster, "{rateLimit: 0.2, burstLimit: 3}"), "one.yaml");
                 Forecourt two = start(api(cluster, "{rateLimit: 0.2, burstLimit: 3}"), "two.yaml")) {
                int allowed = 0;
                for (int i = 0; i < 4; i++) {
                    allowed += ApiTest.send(one, "GET", "/x").statusCode() == 200 ? 1 : 0;
                    allowed += ApiTest.send(two, "GET", "/x").statusCode() == 200 ? 1 : 0;
                }
                assertThat(allowed).as("one bucket of 3 between them, not 3 each").isEqualTo(3);
            }
        }
    }
}
