package dev.forecourt.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JWT authorizer against a key server on 127.0.0.1 started here, with keys made here: what API Gateway allows and
 * refuses (and how it says so), key rotation, the fetch rate limit, failures that keep the old keys, the token cache.
 */
class JwtAuthorizerTest {
    static final String ISSUER = "https://idp.example.org/";
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    static final TestKeys.Key RSA = TestKeys.rsa("rsa-1");
    static final TestKeys.Key EC = TestKeys.ec("ec-1", Curve.P_256);
    static final TestKeys.Key EC384 = TestKeys.ec("ec-384", Curve.P_384);
    static final TestKeys.Key ED = TestKeys.ed25519("ed-1");
    static final JwtAuthorizerLimits LIMITS = new JwtAuthorizerLimits(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofSeconds(30), Duration.ofSeconds(2), 1 << 20, 1000);

    final TestClock clock = new TestClock(T0);
    KeyServer idp;
    JwtAuthorizer authorizer;

    @BeforeEach
    void setUp() throws Exception {
        idp = new KeyServer();
        idp.body = TestKeys.jwks(RSA, EC, EC384, ED);
    }

    @AfterEach
    void tearDown() {
        if (authorizer != null) authorizer.close();
        idp.close();
    }

    JwtAuthorizer start() {
        return start(LIMITS);
    }

    JwtAuthorizer start(JwtAuthorizerLimits limits) {
        authorizer = JwtAuthorizer.start(JwtAuthorizerConfig.of("users", ISSUER, List.of("api", "other"), idp.uri()),
                limits, clock);
        return authorizer;
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("api").subject("alice")
                .issueTime(Date.from(T0.minusSeconds(60))).expirationTime(Date.from(T0.plusSeconds(3600)));
    }

    static String token(JWTClaimsSet.Builder claims) {
        return TestKeys.sign(RSA, JWSAlgorithm.RS256, claims.build());
    }

    AuthResult authorize(String token, String... scopes) throws Exception {
        return authorizeHeader(token == null ? null : "Bearer " + token, scopes);
    }

    AuthResult authorizeHeader(String authorization, String... scopes) throws Exception {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (authorization != null) headers.set("authorization", authorization);
        CompletionStage<AuthResult> stage = authorizer.authorize(headers, List.of(scopes));
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static AuthResult.Denied denied(AuthResult r) {
        assertThat(r).isInstanceOf(AuthResult.Denied.class);
        return (AuthResult.Denied) r;
    }

    static void assertUnauthorized(AuthResult r, String description) {
        AuthResult.Denied d = denied(r);
        assertThat(d.status()).isEqualTo(401);
        assertThat(d.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(d.wwwAuthenticate())
                .isEqualTo("Bearer scope=\"\" error=\"invalid_token\" error_description=\"" + description + "\"");
    }

    @Test
    void aGoodTokenIsAllowedWithItsClaims() throws Exception {
        start();
        AuthResult r = authorize(token(claims().claim("groups", List.of("admin", "users")).claim("n", 7)));
        assertThat(r).isInstanceOf(AuthResult.Allowed.class);
        AuthResult.Allowed a = (AuthResult.Allowed) r;
        assertThat(a.claim("sub")).isEqualTo("alice");
        assertThat(a.claim("iss")).isEqualTo(ISSUER);
        assertThat(a.claim("exp")).isEqualTo(String.valueOf(T0.plusSeconds(3600).getEpochSecond()));
        assertThat(a.claim("groups")).isEqualTo("[admin users]");
        assertThat(a.claim("n")).isEqualTo("7");
        assertThat(a.claim("absent")).isNull();
    }

    @Test
    void theTokenMayComeWithoutBearer() throws Exception {
        start();
        assertThat(authorizeHeader(token(claims()))).isInstanceOf(AuthResult.Allowed.class);
        assertThat(authorizeHeader("bearer " + token(claims().subject("bob"))))
                .isInstanceOf(AuthResult.Allowed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "RS384", "RS512", "ES256", "ES384", "EdDSA", "Ed25519"})
    void eachAlgorithmVerifiesWithItsKey(String algName) throws Exception {
        start();
        JWSAlgorithm alg = JWSAlgorithm.parse(algName);
        TestKeys.Key key = switch (algName) {
            case "ES256" -> EC;
            case "ES384" -> EC384;
            case "EdDSA", "Ed25519" -> ED;
            default -> RSA;
        };
        String good = TestKeys.sign(key, alg, claims().build());
        assertThat(authorize(good)).isInstanceOf(AuthResult.Allowed.class);
        // the same claims, signed by another key under the same kid: the signature must not hold
        TestKeys.Key impostor = switch (algName) {
            case "ES256" -> TestKeys.ec(key.kid(), Curve.P_256);
            case "ES384" -> TestKeys.ec(key.kid(), Curve.P_384);
            case "EdDSA", "Ed25519" -> TestKeys.ed25519(key.kid());
            default -> TestKeys.rsa(key.kid());
        };
        AuthResult bad = authorize(TestKeys.sign(impostor, alg, claims().subject("mallory").build()));
        assertUnauthorized(bad, "the token's signature is invalid");
        assertThat(denied(bad).reason()).contains("bad signature");
    }

    @Test
    void aTamperedPayloadFailsTheSignature() throws Exception {
        start();
        String[] parts = token(claims()).split("\\.");
        String forged = Base64URL.encode(claims().subject("root").build().toString()
                .getBytes(StandardCharsets.UTF_8)).toString();
        assertUnauthorized(authorize(parts[0] + "." + forged + "." + parts[2]), "the token's signature is invalid");
    }

    @Test
    void anExpiredTokenIsRefusedAsApiGatewayDoes() throws Exception {
        start();
        AuthResult r = authorize(token(claims().expirationTime(Date.from(T0.minusSeconds(31)))));
        assertUnauthorized(r, "the token has expired");
        assertThat(denied(r).reason()).startsWith("the token has expired: exp 2026-11-21T11:59:29Z");
        // within the leeway of 30 s it still passes
        assertThat(authorize(token(claims().expirationTime(Date.from(T0.minusSeconds(29))))))
                .isInstanceOf(AuthResult.Allowed.class);
    }

    @Test
    void aTokenNotValidYetIsRefused() throws Exception {
        start();
        assertUnauthorized(authorize(token(claims().notBeforeTime(Date.from(T0.plusSeconds(120))))),
                "the token is not valid yet");
        assertUnauthorized(authorize(token(claims().issueTime(Date.from(T0.plusSeconds(120))))),
                "the token was issued in the future");
        assertThat(authorize(token(claims().notBeforeTime(Date.from(T0.plusSeconds(10))))))
                .isInstanceOf(AuthResult.Allowed.class);
    }

    @Test
    void aTimeClaimBeyondYear9999IsRefusedNotReadAsAnOverflowedDate() throws Exception {
        start();
        // seconds * 1000 overflows a long: 1e20 came out as 1969 (long past), 18446744073709552 as 1970-01-01 00:00:00.384
        for (Object nbf : List.of(1e20, Long.MAX_VALUE, 18_446_744_073_709_552L, 9.9e300)) {
            AuthResult r = authorize(token(claims().claim("nbf", nbf)));
            assertUnauthorized(r, "the token is malformed");
            assertThat(denied(r).reason()).as("nbf %s", nbf).startsWith("nbf ").contains("is no time in seconds");
        }
        assertUnauthorized(authorize(token(claims().claim("iat", 1e20))), "the token is malformed");
        assertUnauthorized(authorize(token(claims().claim("exp", 1e30))), "the token is malformed");
        assertUnauthorized(authorize(token(claims().claim("exp", -5))), "the token is malformed");
        assertThat(authorize(token(claims().claim("nbf", T0.getEpochSecond() - 5)))).isInstanceOf(AuthResult.Allowed.class);
    }

    @Test
    void twoAuthorizationHeadersAreRefusedEvenIfTheFirstIsGood() throws Exception {
        start();
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.add("authorization", "Bearer " + token(claims()));
        headers.add("authorization", "Bearer attacker");
        AuthResult r = authorizer.authorize(headers, List.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertUnauthorized(r, "the request has more than one Authorization header");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        start();
        assertUnauthorized(authorize(token(claims().expirationTime(null))), "the token has no expiry");
    }

    @Test
    void theWrongAudienceIsRefusedWithTheDocumentedChallenge() throws Exception {
        start();
        AuthResult r = authorize(token(claims().audience("someone-else")));
        assertUnauthorized(r, "the token does not have a valid audience");
        assertThat(denied(r).reason()).isEqualTo("wrong audience: '[someone-else]', expected one of [api, other]");
        // any one of the token's audiences is enough
        assertThat(authorize(token(claims().audience(List.of("x", "other"))))).isInstanceOf(AuthResult.Allowed.class);
    }

    @Test
    void clientIdServesOnlyWhenThereIsNoAud() throws Exception {
        start();
        assertThat(authorize(token(claims().audience((String) null).claim("client_id", "api"))))
                .isInstanceOf(AuthResult.Allowed.class);
        assertUnauthorized(authorize(token(claims().audience("wrong").claim("client_id", "api"))),
                "the token does not have a valid audience");
        assertUnauthorized(authorize(token(claims().audience((String) null))), "the token does not have a valid audience");
    }

    @Test
    void theWrongIssuerIsRefused() throws Exception {
        start();
        AuthResult r = authorize(token(claims().issuer("https://idp.example.org")));
        assertUnauthorized(r, "the token does not have a valid issuer");
        assertThat(denied(r).reason()).contains("'https://idp.example.org'", "expected 'https://idp.example.org/'");
    }

    @Test
    void aMissingScopeIsForbidden() throws Exception {
        start();
        String t = token(claims().claim("scope", "read profile"));
        AuthResult r = authorize(t, "write", "admin");
        AuthResult.Denied d = denied(r);
        assertThat(d.status()).isEqualTo(403);
        assertThat(d.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(d.wwwAuthenticate()).startsWith("Bearer scope=\"write admin\" error=\"insufficient_scope\"");
        // one of the route's scopes is enough; no scopes on the route: any good token
        assertThat(authorize(t, "admin", "read")).isInstanceOf(AuthResult.Allowed.class);
        assertThat(authorize(t)).isInstanceOf(AuthResult.Allowed.class);
    }

    @Test
    void scopesComeFromScopeOrScp() throws Exception {
        start();
        assertThat(authorize(token(claims().claim("scp", List.of("read", "write"))), "write"))
                .isInstanceOf(AuthResult.Allowed.class);
        assertThat(authorize(token(claims().claim("scp", "read write").subject("b")), "write"))
                .isInstanceOf(AuthResult.Allowed.class);
        assertThat(denied(authorize(token(claims().claim("scp", List.of("read")).subject("c")), "write")).status())
                .isEqualTo(403);
        assertThat(denied(authorize(token(claims().subject("d")), "read")).status()).isEqualTo(403);
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        start();
        String none = new PlainJWT(claims().build()).serialize();
        assertUnauthorized(authorize(none), "signing method none is invalid");
    }

    @Test
    void anHmacTokenIsRefusedEvenKeyedWithThePublicKey() throws Exception {
        start();
        // the classic confusion: HS256 with the RSA public key's bytes as the secret, under the RSA key's kid
        byte[] secret = ((RSAKey) RSA.publicJwk()).toPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(RSA.kid()).build(),
                claims().build());
        jwt.sign(new MACSigner(secret));
        AuthResult r = authorize(jwt.serialize());
        assertUnauthorized(r, "signing method HS256 is invalid");
        assertThat(authorizer.signatureChecks()).isZero();
    }

    @Test
    void aMalformedTokenIsRefused() throws Exception {
        start();
        assertUnauthorized(authorize("not-a-jwt"), "the token is malformed");
        assertUnauthorized(authorize("a.b.c"), "the token is malformed");
        String[] parts = token(claims()).split("\\.");
        assertUnauthorized(authorize(parts[0] + "." + parts[1]), "the token is malformed");
    }

    @Test
    void aGoodTokenSpelledOtherwiseIsMalformed() throws Exception {
        // the signed bytes decode the same with padding or a stray character: RFC 7515 wants unpadded base64url
        start();
        String good = token(claims());
        assertThat(authorize(good)).isInstanceOf(AuthResult.Allowed.class);
        String[] parts = good.split("\\.");
        for (String spelled : new String[] {good + "==", parts[0] + "=." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1] + ".+" + parts[2], good.replace('-', '+')}) {
            if (spelled.equals(good)) continue;
            assertUnauthorized(authorize(spelled), "the token is malformed");
        }
        assertThat(authorizer.signatureChecks()).isEqualTo(1);
    }

    @Test
    void aSignatureWhoseLastCharacterCarriesBitsNoByteHoldsIsMalformed() throws Exception {
        // 256 signature bytes are 342 characters, whose last has 4 bits no byte holds: a decoder drops them, so
        // without a check the same signature passes under 16 spellings, each a signature check and a cache entry
        start();
        String good = token(claims());
        assertThat(authorize(good)).isInstanceOf(AuthResult.Allowed.class);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(good.charAt(good.length() - 1));
        String spelled = good.substring(0, good.length() - 1) + alphabet.charAt(last ^ 1);
        assertUnauthorized(authorize(spelled), "the token is malformed");
        assertThat(authorizer.signatureChecks()).isEqualTo(1);
    }

    @Test
    void aTokenWithoutKidIsRefused() throws Exception {
        start();
        String t = TestKeys.sign(RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims().build());
        assertUnauthorized(authorize(t), "the token has no kid");
    }

    @Test
    void noHeaderOrNoTokenIsABareChallenge() throws Exception {
        start();
        for (String header : new String[] {null, "", "Bearer", "Bearer   "}) {
            AuthResult.Denied d = denied(authorizeHeader(header));
            assertThat(d.status()).isEqualTo(401);
            assertThat(d.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
            assertThat(d.wwwAuthenticate()).isEqualTo("Bearer");
        }
    }

    @Test
    void anotherIdentitySourceHeader() throws Exception {
        authorizer = JwtAuthorizer.start(new JwtAuthorizerConfig("users", ISSUER, List.of("api"), idp.uri(), null,
                "$request.header.X-Token"), LIMITS, clock);
        HttpHeaders headers = new DefaultHttpHeaders().set("x-token", token(claims()));
        assertThat(authorizer.authorize(headers, List.of()).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(AuthResult.Allowed.class);
        assertThat(denied(authorize(token(claims()))).wwwAuthenticate()).isEqualTo("Bearer");
    }

    @Test
    void aRepeatedTokenIsServedFromTheCacheWithoutCrypto() throws Exception {
        start();
        String t = token(claims().claim("scope", "read"));
        assertThat(authorize(t, "read")).isInstanceOf(AuthResult.Allowed.class);
        assertThat(authorizer.signatureChecks()).isEqualTo(1);
        CompletionStage<AuthResult> second = authorizer.authorize("Bearer " + t, List.of("read"));
        assertThat(second.toCompletableFuture().isDone()).isTrue();
        assertThat(second.toCompletableFuture().join()).isInstanceOf(AuthResult.Allowed.class);
        // another route's scopes are checked again, still without crypto
        assertThat(denied(authorize(t, "write")).status()).isEqualTo(403);
        assertThat(authorizer.signatureChecks()).isEqualTo(1);
        // a cached token expires with the token
        clock.advance(Duration.ofSeconds(3600 + 31));
        assertUnauthorized(authorize(t, "read"), "the token has expired");
    }

    @Test
    void withoutCacheEveryRequestChecksTheSignature() throws Exception {
        start(new JwtAuthorizerLimits(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(2), 1 << 20, 0));
        String t = token(claims());
        authorize(t);
        authorize(t);
        assertThat(authorizer.signatureChecks()).isEqualTo(2);
    }

    @Test
    void anUnknownKidIsRefusedThenVerifiesOnceTheKeysRotate() throws Exception {
        start();
        assertThat(authorize(token(claims()))).isInstanceOf(AuthResult.Allowed.class);
        TestKeys.Key next = TestKeys.ec("ec-2", Curve.P_256);
        String t = TestKeys.sign(next, JWSAlgorithm.ES256, claims().build());
        AuthResult r = authorize(t);
        assertUnauthorized(r, "the token's kid is not in the key set");
        assertThat(denied(r).reason()).startsWith("unknown kid 'ec-2' in http://127.0.0.1:");
        // the IdP rotates: the new key is published, the old one withdrawn
        idp.body = TestKeys.jwks(next);
        int before = idp.requests();
        // within the minimum interval since the last fetch, no new fetch: still unknown
        assertUnauthorized(authorize(t), "the token's kid is not in the key set");
        assertThat(idp.requests()).isEqualTo(before);
        clock.advance(Duration.ofSeconds(31));
        assertThat(authorize(t)).isInstanceOf(AuthResult.Allowed.class);
        assertThat(idp.requests()).isEqualTo(before + 1);
        // a new token under the withdrawn key is now unknown (a cached one would still pass until its exp)
        assertUnauthorized(authorize(token(claims().subject("new"))), "the token's kid is not in the key set");
    }

    @Test
    void staleKeysAreRefreshedInTheBackground() throws Exception {
        start();
        assertThat(authorize(token(claims()))).isInstanceOf(AuthResult.Allowed.class);
        TestKeys.Key added = TestKeys.ec("ec-added", Curve.P_256);
        idp.body = TestKeys.jwks(RSA, added);
        clock.advance(Duration.ofMinutes(5));
        // keys five minutes old: this token is checked with them while a refresh starts beside it
        assertThat(authorize(token(claims().subject("b")))).isInstanceOf(AuthResult.Allowed.class);
        awaitRequests(2);
        // the refreshed keys hold the added one: no unknown kid, no further fetch
        assertThat(authorize(TestKeys.sign(added, JWSAlgorithm.ES256, claims().build())))
                .isInstanceOf(AuthResult.Allowed.class);
        assertThat(idp.requests()).isEqualTo(2);
    }

    @Test
    void manyUnknownKidsFetchAtMostOncePerInterval() throws Exception {
        start();
        assertThat(authorize(token(claims()))).isInstanceOf(AuthResult.Allowed.class);
        assertThat(idp.requests()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 50; i++) {
            String t = TestKeys.sign(EC, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("garbage-" + i).build(),
                    claims().build());
            assertUnauthorized(authorize(t), "the token's kid is not in the key set");
        }
        assertThat(idp.requests()).isEqualTo(2);
        assertThat(authorizer.keyLoads()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 10; i++) {
            String t = TestKeys.sign(EC, new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("more-" + i).build(),
                    claims().build());
            authorize(t);
        }
        assertThat(idp.requests()).isEqualTo(3);
    }

    @Test
    void aFailingRefreshKeepsTheKeysInHand() throws Exception {
        start();
        assertThat(authorize(token(claims()))).isInstanceOf(AuthResult.Allowed.class);
        idp.status = 500;
        idp.body = "{\"message\":\"oops\"}";
        clock.advance(Duration.ofMinutes(6)); // past the refresh interval: the next new token starts a refresh
        assertThat(authorize(token(claims().subject("b").expirationTime(Date.from(T0.plusSeconds(7200))))))
                .isInstanceOf(AuthResult.Allowed.class);
        awaitRequests(2);
        // an unknown kid's refresh fails too: the known keys still serve
        clock.advance(Duration.ofSeconds(31));
        TestKeys.Key other = TestKeys.ec("ec-9", Curve.P_256);
        assertUnauthorized(authorize(TestKeys.sign(other, JWSAlgorithm.ES256, claims().expirationTime(
                Date.from(T0.plusSeconds(7200))).build())), "the token's kid is not in the key set");
        assertThat(idp.requests()).isEqualTo(3);
        assertThat(authorize(TestKeys.sign(ED, JWSAlgorithm.EdDSA, claims().expirationTime(
                Date.from(T0.plusSeconds(7200))).build()))).isInstanceOf(AuthResult.Allowed.class);
    }

    @Test
    void noKeysAtAllRefusesWithTheReason() throws Exception {
        idp.status = 503;
        start();
        AuthResult r = authorize(token(claims()));
        assertUnauthorized(r, "the signing keys are unavailable");
        assertThat(denied(r).fix()).as("the operator's to fix, not the caller's").contains("jwksUri")
                .contains("the token itself may be good");
        assertThat(denied(r).reason()).contains("answered 503");
        // once the IdP is back and the interval has passed, the keys come
        idp.status = 200;
        clock.advance(Duration.ofSeconds(31));
        assertThat(authorize(token(claims()))).isInstanceOf(AuthResult.Allowed.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anOversizeKeySetIsRefused(boolean chunked) throws Exception {
        idp.chunked = chunked;
        idp.body = TestKeys.jwks(RSA) + " ".repeat(2048);
        start(new JwtAuthorizerLimits(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(2), 1024, 1000));
        AuthResult r = authorize(token(claims()));
        assertUnauthorized(r, "the signing keys are unavailable");
        assertThat(denied(r).reason()).contains("larger than 1024 bytes");
    }

    @Test
    void aFetchThatHangsEndsAtItsTimeout() throws Exception {
        idp.hang = true;
        start(new JwtAuthorizerLimits(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMillis(300), 1 << 20, 1000));
        long t0 = System.nanoTime();
        AuthResult r = authorize(token(claims()));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertUnauthorized(r, "the signing keys are unavailable");
        assertThat(denied(r).reason()).contains("timed out");
    }

    @Test
    void keysFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, TestKeys.jwks(ED));
        authorizer = JwtAuthorizer.start(JwtAuthorizerConfig.ofFile("users", ISSUER, List.of("api"), file), LIMITS,
                clock);
        assertThat(authorize(TestKeys.sign(ED, JWSAlgorithm.EdDSA, claims().build())))
                .isInstanceOf(AuthResult.Allowed.class);
        assertUnauthorized(authorize(token(claims())), "the token's kid is not in the key set");
        assertThat(idp.requests()).isZero();
    }

    @Test
    void aCriticalHeaderIsRefused() throws Exception {
        start();
        for (TestKeys.Key key : List.of(RSA, ED)) {
            JWSAlgorithm alg = key == ED ? JWSAlgorithm.EdDSA : JWSAlgorithm.RS256;
            JWSHeader header = new JWSHeader.Builder(alg).keyID(key.kid()).criticalParams(java.util.Set.of("x"))
                    .customParam("x", 1).build();
            assertUnauthorized(authorize(TestKeys.sign(key, header, claims().build())),
                    "the token's signature is invalid");
        }
    }

    @Test
    void claimsAreAMapForTheContext() throws Exception {
        start();
        AuthResult.Allowed a = (AuthResult.Allowed) authorize(token(claims().claim("email", "a@example.org")));
        Map<String, Object> claims = a.claims();
        assertThat(claims).containsEntry("email", "a@example.org").containsEntry("sub", "alice")
                .containsEntry("aud", "api") // as the token has it: one audience is a string
                .containsEntry("exp", T0.plusSeconds(3600).getEpochSecond());
    }

    /** Waits until the key server has had {@code n} requests and the authorizer has taken in the last answer. */
    private void awaitRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((idp.requests() < n || authorizer.loadingKeys()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(idp.requests()).isEqualTo(n);
        assertThat(authorizer.loadingKeys()).isFalse();
    }
}
