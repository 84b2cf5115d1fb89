package dev.forecourt.edge.role.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route behind the JWT authorizer, through real sockets: AWS's answers, the claims in mappings, our headers beside. */
class ApiAuthorizerTest {
    @TempDir Path dir;

    static String token(RSAKey key, String issuer, String audience, Instant exp, String scope) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("user-7")
                .expirationTime(Date.from(exp)).issueTime(Date.from(Instant.now().minusSeconds(5)))
                .claim("scope", scope).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void onlyAValidTokenWithTheRoutesScopeReachesTheIntegration() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        String yaml = ApiTest.platform(ApiTest.freePort(), ApiTest.freePort(), "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    authorizers:
                      users: {type: jwt, issuer: "https://idp.test/", audience: [api], jwksFile: %s}
                    routes:
                      - route: "GET /orders/{id}"
                        authorizer: users
                        authorizationScopes: [orders.read]
                        integration:
                          link: nlb
                          parameterMapping:
                            "overwrite:path": "/orders/$request.path.id"
                            "overwrite:header.Host": iiif.internal
                            "append:header.x-user": "$context.authorizer.claims.sub"
                """.formatted(jwks);
        try (Forecourt f = Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml), 1)) {
            String good = token(key, "https://idp.test/", "api", Instant.now().plusSeconds(300), "orders.read orders.write");
            HttpResponse<String> ok = ApiTest.send(f, "GET", "/orders/42", "Authorization", "Bearer " + good);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"path\":\"/orders/42\"", "\"x-user\":\"user-7\"");

            HttpResponse<String> none = ApiTest.send(f, "GET", "/orders/42");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
            assertThat(none.headers().firstValue("forecourt-error")).hasValue("unauthorized");
            assertThat(none.headers().firstValue("forecourt-hop")).hasValue("api/public");

            String expired = token(key, "https://idp.test/", "api", Instant.now().minusSeconds(600), "orders.read");
            HttpResponse<String> old = ApiTest.send(f, "GET", "/orders/42", "Authorization", "Bearer " + expired);
            assertThat(old.statusCode()).isEqualTo(401);
            assertThat(old.headers().firstValue("www-authenticate").orElseThrow()).contains("invalid_token");
            assertThat(old.headers().firstValue("forecourt-detail").orElseThrow()).as("a loopback client is told why")
                    .contains("expired").contains("Likely fix: send one token the route's authorizer accepts, in its"
                            + " identitySource").doesNotContain("admin");

            String otherAudience = token(key, "https://idp.test/", "billing", Instant.now().plusSeconds(300), "orders.read");
            assertThat(ApiTest.send(f, "GET", "/orders/42", "Authorization", "Bearer " + otherAudience).statusCode())
                    .isEqualTo(401);

            String noScope = token(key, "https://idp.test/", "api", Instant.now().plusSeconds(300), "orders.write");
            HttpResponse<String> forbidden = ApiTest.send(f, "GET", "/orders/42", "Authorization", "Bearer " + noScope);
            assertThat(forbidden.statusCode()).isEqualTo(403);
            assertThat(forbidden.body()).isEqualTo("{\"message\":\"Forbidden\"}");
            assertThat(forbidden.headers().firstValue("forecourt-error")).hasValue("forbidden");
        }
    }

    @Test
    void dotSegmentsDoubledSlashesAndNonUtf8NeverSlipPastTheAuthorizer() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        String yaml = ApiTest.platform(ApiTest.freePort(), ApiTest.freePort(), "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog: off
                    authorizers:
                      users: {type: jwt, issuer: "https://idp.test/", audience: [api], jwksFile: %s}
                    routes:
                      - route: "GET /admin/{p+}"
                        authorizer: users
                        integration: {link: nlb, parameterMapping: {"overwrite:header.Host": iiif.internal}}
                      - route: "$default"
                        integration: {link: nlb, parameterMapping: {"overwrite:header.Host": iiif.internal}}
                """.formatted(jwks);
        try (Forecourt f = Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml), 1)) {
            assertThat(ApiTest.send(f, "GET", "/admin/users").statusCode()).isEqualTo(401);
            assertThat(ApiTest.send(f, "GET", "/open").statusCode()).as("the open route works").isEqualTo(200);
            assertThat(ApiTest.send(f, "GET", "/100%25").statusCode()).as("a '%' of its own is no escape").isEqualTo(200);
            for (String sneaky : new String[] {"/x/../admin/users", "/%2e%2e/admin/users", "//admin/users",
                    "/./admin/users", "/x/%2E%2E/admin/users", "/a%252F..%252Fadmin/users",
                    "/%ff%fe", "/%c0%af", "/admin%ff/users"}) { // no UTF-8: distinct paths that decode alike
                HttpResponse<String> r = ApiTest.send(f, "GET", sneaky);
                assertThat(r.statusCode()).as(sneaky).isEqualTo(400);
                assertThat(r.headers().firstValue("forecourt-error")).as(sneaky).hasValue("bad_request");
            }
        }
    }

    @Test
    void theCallersClaimsAreWrittenToTheAccessLog() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        Path log = dir.resolve("api.log");
        String yaml = ApiTest.platform(ApiTest.freePort(), ApiTest.freePort(), "") + """
                apis:
                  public:
                    listen: 127.0.0.1:0
                    accessLog:
                      path: %s
                      format: '{"sub":"$context.authorizer.claims.sub","groups":"${context.authorizer.claims.cognito:groups}","tenant":"$context.authorizer.claims.tenantId","status":"$context.status","error":"$context.authorizer.error"}'
                    authorizers:
                      users: {type: jwt, issuer: "https://idp.test/", audience: [api], jwksFile: %s}
                    routes:
                      - route: "GET /me"
                        authorizer: users
                        integration: {link: nlb, parameterMapping: {"overwrite:header.Host": iiif.internal}}
                """.formatted(log, jwks);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://idp.test/").audience("api").subject("user-7")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).claim("cognito:groups", List.of("admins", "ops"))
                .claim("tenantId", "t-9").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner(key));
        try (Forecourt f = Forecourt.start(ConfigReader.read(dir.resolve("forecourt.yaml"), yaml), 1)) {
            assertThat(ApiTest.send(f, "GET", "/me", "Authorization", "Bearer " + jwt.serialize()).statusCode())
                    .isEqualTo(200);
            assertThat(ApiTest.send(f, "GET", "/me").statusCode()).isEqualTo(401);
            String lines = ApiTest.waitForLines(log, 2);
            // an array as API Gateway's JWT authorizer writes one: bracketed, apart by spaces
            assertThat(lines).contains("{\"sub\":\"user-7\",\"groups\":\"[admins ops]\",\"tenant\":\"t-9\",\"status\":\"200\","
                    + "\"error\":\"-\"}");
            assertThat(lines).as("no token: no claims").contains("{\"sub\":\"-\",\"groups\":\"-\",\"tenant\":\"-\","
                    + "\"status\":\"401\",\"error\":\"");
        }
    }
}
