package dev.forecourt.edge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * An API's JWT authorizer, as API Gateway's HTTP API has it: the token from the identity source ({@code Authorization},
 * with or without {@code Bearer}), its signature by the key its {@code kid} names in the issuer's JWKS, then {@code iss},
 * {@code aud}/{@code client_id}, {@code exp}/{@code nbf}/{@code iat} and the route's scopes. Refusals are API Gateway's
 * (401 or 403, its body and {@code www-authenticate}) with our reason beside them.
 *
 * <p>{@link #authorize} never blocks: a token seen before completes at once from the cache (one look-up); a new one is
 * verified on the caller's thread when its key is in hand (a signature check, tens of microseconds); only a token whose
 * key must be fetched first completes later, on the key fetcher's thread, within the fetch timeout.
 */
public final class JwtAuthorizer implements AutoCloseable {
    private final JwtAuthorizerConfig config;
    private final AsciiString headerName;   // hashed once: the look-up on every request
    private final InstantSource clock;
    private final ClaimRules rules;
    private final JwksCache keys;
    private final TokenCache tokens;
    private final HttpClient http;           // null for a file
    private final ExecutorService executor;
    private final LongAdder signatureChecks = new LongAdder();

    private JwtAuthorizer(JwtAuthorizerConfig config, JwtAuthorizerLimits limits, InstantSource clock) {
        this.config = config;
        this.headerName = AsciiString.cached(config.headerName());
        this.clock = clock;
        this.rules = new ClaimRules(config.issuer(), config.audience(), limits.clockSkew().toMillis());
        this.executor = HttpJwksLoader.executor();
        JwksLoader loader;
        if (config.jwksUri() != null) {
            http = HttpJwksLoader.client(limits.fetchTimeout(), executor);
            loader = new HttpJwksLoader(http, config.jwksUri(), limits.fetchTimeout(), limits.maxJwksBytes());
        } else {
            http = null;
            loader = new FileJwksLoader(config.jwksFile(), limits.maxJwksBytes(), executor);
        }
        this.keys = new JwksCache(config.name(), loader, clock, limits.refreshInterval(), limits.minFetchInterval());
        this.tokens = limits.maxCachedTokens() == 0 ? null : new TokenCache(limits.maxCachedTokens(), clock);
    }

    /** An authorizer with the default limits; its keys start loading now. */
    public static JwtAuthorizer start(JwtAuthorizerConfig config, InstantSource clock) {
        return start(config, JwtAuthorizerLimits.DEFAULT, clock);
    }

    /** An authorizer; its keys start loading now (requests that come before they arrive wait for them). */
    public static JwtAuthorizer start(JwtAuthorizerConfig config, JwtAuthorizerLimits limits, InstantSource clock) {
        JwtAuthorizer a = new JwtAuthorizer(config, limits, clock);
        a.keys.refresh();
        return a;
    }

    public String name() {
        return config.name();
    }

    public JwtAuthorizerConfig config() {
        return config;
    }

    /**
     * Decides a request on its headers and its route's {@code authorizationScopes} (empty: any valid token).
     * Completes at once on the calling thread for a cached token or a known key; else later, on the key fetcher's
     * thread. Never completes exceptionally.
     */
    public CompletionStage<AuthResult> authorize(HttpHeaders headers, List<String> scopes) {
        java.util.Iterator<String> values = headers.valueStringIterator(headerName);
        String identity = values.hasNext() ? values.next() : null;
        if (values.hasNext()) {
            // one verified, the other passed on beside it: the integration might read the one never checked
            return done(AuthResult.Denied.unauthorized("the request has more than one " + headerName + " header",
                    "more than one " + headerName + " header: which token is meant is not clear"));
        }
        return authorize(identity, scopes);
    }

    /** As {@link #authorize(HttpHeaders, List)}, given the identity source's value (null when absent). */
    public CompletionStage<AuthResult> authorize(String identity, List<String> scopes) {
        if (identity == null) {
            return done(AuthResult.Denied.missing("no " + headerName + " header"));
        }
        if (tokens != null) {
            VerifiedToken known = tokens.get(identity);
            if (known != null) return answer(known, scopes);
        }
        String token = BearerToken.in(identity);
        if (token == null) {
            return done(AuthResult.Denied.missing("no token in the " + headerName + " header"));
        }
        return verify(identity, token, scopes);
    }

    private CompletionStage<AuthResult> verify(String identity, String token, List<String> scopes) {
        int stray = outsideCompactAlphabet(token);
        if (stray >= 0) {
            return done(AuthResult.Denied.unauthorized("the token is malformed", "malformed token: character "
                    + TokenText.quote(token.charAt(stray)) + " at " + stray
                    + " is not base64url (RFC 7515: unpadded base64url parts joined by dots)"));
        }
        SignedJWT jwt;
        try {
            JWT parsed = JWTParser.parse(token);
            if (parsed instanceof PlainJWT) {
                return done(AuthResult.Denied.unauthorized("signing method none is invalid",
                        "an unsigned token (alg none)"));
            }
            if (!(parsed instanceof SignedJWT signed)) {
                return done(AuthResult.Denied.unauthorized("the token is not a signed JWT",
                        "an encrypted token (JWE): only signed ones are taken"));
            }
            jwt = signed;
            if (!canonicalEnd(jwt.getSignature().toString())) {
                // its last character carries bits no byte holds: the decoder drops them, so the same signature
                // would pass under several spellings (the header and payload are signed as they are spelled)
                return done(AuthResult.Denied.unauthorized("the token is malformed", "malformed token: the"
                        + " signature is not in its one base64url spelling (RFC 7515: unused bits must be zero)"));
            }
        } catch (ParseException e) {
            return done(AuthResult.Denied.unauthorized("the token is malformed",
                    "malformed token: " + TokenText.quote(e.getMessage())));
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!SigningKeys.ALGORITHMS.contains(alg)) {
            return done(AuthResult.Denied.unauthorized("signing method " + printable(alg.getName()) + " is invalid",
                    "algorithm " + TokenText.quote(alg.getName()) + " is not taken (RS256/384/512, ES256/384, EdDSA)"));
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null) {
            return done(AuthResult.Denied.unauthorized("the token has no kid",
                    "no kid in the token's header: the key can't be chosen"));
        }
        SigningKeys inHand = keys.current();
        if (inHand.verifier(kid, alg) != null) {
            return done(check(identity, jwt, alg, kid, inHand, scopes));
        }
        // an unknown kid: keys rotated, or the first keys are still on their way (at most one fetch per interval)
        return keys.refresh().thenApply(fresh -> check(identity, jwt, alg, kid, fresh, scopes));
    }

    /**
     * Whether an unpadded base64url text's last character leaves the bits no byte holds at zero: with 2 (or 3)
     * characters over a whole group of 4, the last carries 4 (or 2) of them.
     */
    private static boolean canonicalEnd(String s) {
        int unused = switch (s.length() % 4) {
            case 2 -> 0xf;
            case 3 -> 0x3;
            default -> 0;
        };
        if (unused == 0 || s.isEmpty()) return true;
        char c = s.charAt(s.length() - 1);
        int value = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52 : c == '-' ? 62 : 63;
        return (value & unused) == 0;
    }

    /**
     * Where a token has a character that no compact serialization holds, or -1. The parser decodes leniently (padding,
     * whitespace and stray characters skipped), so without this the same signed bytes pass under many spellings.
     */
    private static int outsideCompactAlphabet(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean base64url = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!base64url && c != '.') return i;
        }
        return -1;
    }

    private AuthResult check(String identity, SignedJWT jwt, JWSAlgorithm alg, String kid, SigningKeys in,
                             List<String> scopes) {
        JWSVerifier verifier = in.verifier(kid, alg);
        if (verifier == null) {
            if (in.isEmpty() && keys.failure() != null) {
                return AuthResult.Denied.keysUnavailable("no signing keys: " + keys.where() + " failed: " + keys.failure());
            }
            return AuthResult.Denied.unauthorized("the token's kid is not in the key set", "unknown kid "
                    + TokenText.quote(kid) + (in.has(kid) ? " for " + alg.getName() : "") + " in " + keys.where());
        }
        signatureChecks.increment();
        boolean good;
        try {
            good = jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            good = false;
        }
        if (!good) {
            return AuthResult.Denied.unauthorized("the token's signature is invalid",
                    "bad signature (kid " + TokenText.quote(kid) + ", " + alg.getName() + ")");
        }
        Map<String, Object> payload = jwt.getPayload().toJSONObject(); // parsed once: the raw times, then the claims
        JWTClaimsSet claims;
        try {
            if (payload == null) {
                throw new ParseException("not a JSON object", 0);
            }
            claims = JWTClaimsSet.parse(payload);
        } catch (ParseException e) {
            return AuthResult.Denied.unauthorized("the token is malformed", "the token's claims are not a JSON object");
        }
        AuthResult.Denied refused = rules.timesInRange(payload);
        if (refused == null) {
            refused = rules.check(claims, clock.millis());
        }
        if (refused != null) return refused;
        Map<String, Object> values = new HashMap<>();
        claims.toJSONObject().forEach((k, v) -> {
            if (v != null) values.put(k, v);
        });
        AuthResult.Allowed allowed = new AuthResult.Allowed(values);
        VerifiedToken verified = new VerifiedToken(allowed, TokenScopes.of(values), rules.goodUntilMillis(claims));
        if (tokens != null) tokens.put(identity, verified);
        return TokenScopes.allow(verified.scopes(), scopes) ? allowed : forbidden(verified, scopes);
    }

    /** A verified token's answer for a route: the stage made once when allowed, so that a cache hit allocates none. */
    private static CompletionStage<AuthResult> answer(VerifiedToken token, List<String> scopes) {
        return TokenScopes.allow(token.scopes(), scopes) ? token.answer() : done(forbidden(token, scopes));
    }

    private static AuthResult.Denied forbidden(VerifiedToken token, List<String> scopes) {
        return AuthResult.Denied.forbidden(scopes, "none of the route's scopes " + scopes + " in the token's "
                + TokenText.quote(token.scopes()));
    }

    private static CompletionStage<AuthResult> done(AuthResult result) {
        return CompletableFuture.completedFuture(result);
    }

    /** An algorithm name for the challenge header: letters and digits only (it is the client's own text). */
    private static String printable(String name) {
        return name.length() <= 16 && name.chars().allMatch(Character::isLetterOrDigit) ? name : "?";
    }

    /** Signature checks made (the cache hit makes none): for tests. */
    long signatureChecks() {
        return signatureChecks.sum();
    }

    /** Key set loads started: for tests. */
    int keyLoads() {
        return keys.loads();
    }

    /** Whether a key set load is under way: for tests. */
    boolean loadingKeys() {
        return keys.loading();
    }

    @Override
    public void close() {
        keys.close();
        if (http != null) http.shutdownNow();
        executor.shutdownNow();
    }
}
