package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.forecourt.edge.role.distribution.TestOrigin;
import dev.forecourt.edge.role.distribution.TestOrigin.Answer;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes with a {@code cachePolicy}, through real sockets to an origin that counts what reaches it: hits and misses,
 * Vary, answers never stored, the authorizer before the cache, throttling that counts hits, and a read with a body.
 */
class ApiCacheTest {
    @TempDir Path dir;
    private TestOrigin origin;
    private RSAKey key;

    @BeforeEach
    void origin() throws Exception {
        origin = new TestOrigin();
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
    }

    @AfterEach
    void stop() {
        origin.close();
    }

    private Forecourt start() throws Exception {
        String yaml = """
                admin: {listen: 127.0.0.1:0}
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    cache: {memory: 8MiB}
                    authorizers:
                      users: {type: jwt, issuer: "https://idp.test/", audience: [api], jwksFile: %2$s}
                    routes:
                      - route: "GET /items/{id}"
                        cachePolicy: UseOriginCacheControlHeaders-QueryStrings
                        integration:
                          uri: "http://127.0.0.1:%1$d/items/{id}"
                          responseParameters:
                            "200": {"append:header.x-request": "$context.requestId"}
                      - route: "GET /plain"
                        integration: {uri: "http://127.0.0.1:%1$d/plain"}
                      - route: "GET /me"
                        authorizer: users
                        authorizationScopes: [me.read]
                        cachePolicy: UseOriginCacheControlHeaders
                        integration: {uri: "http://127.0.0.1:%1$d/me"}
                      - route: "GET /counted"
                        cachePolicy: UseOriginCacheControlHeaders
                        throttling: {rateLimit: 0.001, burstLimit: 2, key: $request.header.x-api-key}
                        integration: {uri: "http://127.0.0.1:%1$d/counted"}
                """.formatted(origin.port(), dir.resolve("jwks.json"));
        return Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml), 1);
    }

    private String token(String scope, Instant exp) throws Exception {
        return "Bearer " + ApiAuthorizerTest.token(key, "https://idp.test/", "api", exp, scope);
    }

    @Test
    void aFreshAnswerIsServedFromTheCacheAndARouteWithoutAPolicyIsNot() throws Exception {
        origin.on("/items/1", Answer.ok("one", "Cache-Control", "max-age=60"));
        origin.on("/plain", Answer.ok("plain", "Cache-Control", "max-age=60"));
        try (Forecourt f = start()) {
            HttpResponse<String> miss = ApiTest.send(f, "GET", "/items/1");
            assertThat(miss.body()).isEqualTo("one");
            assertThat(miss.headers().firstValue("x-cache")).hasValue("Miss from forecourt");
            HttpResponse<String> hit = ApiTest.send(f, "GET", "/items/1");
            assertThat(hit.statusCode()).isEqualTo(200);
            assertThat(hit.body()).isEqualTo("one");
            assertThat(hit.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
            assertThat(origin.count("/items/1")).isEqualTo(1);
            String id = hit.headers().firstValue("apigw-requestid").orElseThrow();
            assertThat(id).isNotEqualTo(miss.headers().firstValue("apigw-requestid").orElseThrow());
            assertThat(hit.headers().allValues("x-request")).as("the response mapping runs on a hit, with its own id")
                    .containsExactly(id);
            assertThat(ApiTest.send(f, "GET", "/items/1?page=2").headers().firstValue("x-cache"))
                    .as("the query is in this policy's key").hasValue("Miss from forecourt");
            assertThat(origin.count("/items/1")).isEqualTo(2);

            ApiTest.send(f, "GET", "/plain");
            HttpResponse<String> plain = ApiTest.send(f, "GET", "/plain");
            assertThat(plain.body()).isEqualTo("plain");
            assertThat(plain.headers().firstValue("x-cache")).isEmpty();
            assertThat(origin.count("/plain")).as("no cachePolicy: every request reaches the integration").isEqualTo(2);
        }
    }

    @Test
    void theAdminInvalidatesAnApisCacheAsADistributionsByPathOrPrefix() throws Exception {
        origin.on("/items/1", Answer.ok("one", "Cache-Control", "max-age=60"));
        origin.on("/items/2", Answer.ok("two", "Cache-Control", "max-age=60"));
        origin.on("/counted", Answer.ok("counted", "Cache-Control", "max-age=60"));
        try (Forecourt f = start()) {
            for (String p : new String[] {"/items/1", "/items/2", "/counted"}) ApiTest.send(f, "GET", p);
            int admin = f.address("admin").getPort();
            HttpResponse<String> r = post(admin, "/apis/public/invalidations", "/items/*\n");
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.body()).isEqualTo("{\"api\":\"public\",\"paths\":[\"/items/*\"],\"invalidated\":2}\n");
            for (String p : new String[] {"/items/1", "/items/2", "/counted"}) ApiTest.send(f, "GET", p);
            assertThat(origin.count("/items/1")).as("invalidated: asked again").isEqualTo(2);
            assertThat(origin.count("/items/2")).isEqualTo(2);
            assertThat(origin.count("/counted")).as("outside the prefix: still a hit").isEqualTo(1);
            HttpResponse<String> unknown = post(admin, "/apis/nope/invalidations", "/x");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no api named 'nope' that caches", "apis with a cache: public");
            assertThat(post(admin, "/distributions/public/invalidations", "/x").statusCode())
                    .as("an API's cache is not a distribution's").isEqualTo(404);
        }
    }

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path)).timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void varyKeepsOneAnswerPerValueOfTheNamedHeader() throws Exception {
        origin.on("/items/2", s -> Answer.ok("in " + s.header("Accept-Language"), "Cache-Control", "max-age=60",
                "Vary", "Accept-Language"));
        try (Forecourt f = start()) {
            assertThat(ApiTest.send(f, "GET", "/items/2", "Accept-Language", "en").body()).isEqualTo("in en");
            assertThat(ApiTest.send(f, "GET", "/items/2", "Accept-Language", "nl").body()).isEqualTo("in nl");
            HttpResponse<String> again = ApiTest.send(f, "GET", "/items/2", "Accept-Language", "en");
            assertThat(again.body()).isEqualTo("in en");
            assertThat(again.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
            assertThat(origin.count("/items/2")).isEqualTo(2);
        }
    }

    @Test
    void noStoreAndPrivateAnswersAreNeverKept() throws Exception {
        origin.on("/items/3", Answer.ok("fresh each time", "Cache-Control", "no-store"));
        origin.on("/items/4", Answer.ok("yours", "Cache-Control", "private, max-age=60"));
        try (Forecourt f = start()) {
            for (int i = 0; i < 2; i++) {
                assertThat(ApiTest.send(f, "GET", "/items/3").headers().firstValue("x-cache")).hasValue("Miss from forecourt");
                assertThat(ApiTest.send(f, "GET", "/items/4").body()).isEqualTo("yours");
            }
            assertThat(origin.count("/items/3")).isEqualTo(2);
            assertThat(origin.count("/items/4")).isEqualTo(2);
        }
    }

    @Test
    void theAuthorizerRunsBeforeTheCacheSoAStoredAnswerNeverReachesARefusedCaller() throws Exception {
        origin.on("/me", Answer.ok("secret", "Cache-Control", "public, max-age=60"));
        try (Forecourt f = start()) {
            String good = token("me.read", Instant.now().plusSeconds(300));
            assertThat(ApiTest.send(f, "GET", "/me", "Authorization", good).body()).isEqualTo("secret");
            HttpResponse<String> hit = ApiTest.send(f, "GET", "/me", "Authorization", good);
            assertThat(hit.body()).isEqualTo("secret");
            assertThat(hit.headers().firstValue("x-cache")).hasValue("Hit from forecourt");

            HttpResponse<String> none = ApiTest.send(f, "GET", "/me");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
            HttpResponse<String> expired = ApiTest.send(f, "GET", "/me", "Authorization",
                    token("me.read", Instant.now().minusSeconds(600)));
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.body()).doesNotContain("secret");
            HttpResponse<String> noScope = ApiTest.send(f, "GET", "/me", "Authorization",
                    token("other", Instant.now().plusSeconds(300)));
            assertThat(noScope.statusCode()).isEqualTo(403);
            assertThat(noScope.body()).isEqualTo("{\"message\":\"Forbidden\"}");
            HttpResponse<String> onlyIfCached = ApiTest.send(f, "GET", "/me", "Cache-Control", "only-if-cached");
            assertThat(onlyIfCached.statusCode()).as("not even asked for what is stored").isEqualTo(401);
            assertThat(origin.count("/me")).isEqualTo(1);
        }
    }

    @Test
    void aCallersThrottleCountsTheAnswersTheCacheGives() throws Exception {
        origin.on("/counted", Answer.ok("n", "Cache-Control", "max-age=60"));
        try (Forecourt f = start()) {
            assertThat(ApiTest.send(f, "GET", "/counted", "x-api-key", "alice").statusCode()).isEqualTo(200);
            HttpResponse<String> hit = ApiTest.send(f, "GET", "/counted", "x-api-key", "alice");
            assertThat(hit.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
            HttpResponse<String> third = ApiTest.send(f, "GET", "/counted", "x-api-key", "alice");
            assertThat(third.statusCode()).as("a burst of 2: the hit took a token").isEqualTo(429);
            assertThat(third.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
            HttpResponse<String> bob = ApiTest.send(f, "GET", "/counted", "x-api-key", "bob");
            assertThat(bob.statusCode()).isEqualTo(200);
            assertThat(bob.headers().firstValue("x-cache")).hasValue("Hit from forecourt");
            assertThat(origin.count("/counted")).isEqualTo(1);
        }
    }

    @Test
    void aReadWithABodyIsRefusedInAwsWordsBeforeTheCache() throws Exception {
        origin.on("/items/5", Answer.ok("five", "Cache-Control", "max-age=60"));
        try (Forecourt f = start()) {
            HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.address("api-public").getPort()
                    + "/items/5")).timeout(Duration.ofSeconds(5)).method("GET",
                    HttpRequest.BodyPublishers.ofString("{\"poison\":true}")).build();
            HttpResponse<String> refused = ApiTest.CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("{\"message\":\"Bad Request\"}");
            assertThat(refused.headers().firstValue("forecourt-error")).hasValue("bad_request");
            assertThat(origin.count("/items/5")).isZero();
        }
    }
}
