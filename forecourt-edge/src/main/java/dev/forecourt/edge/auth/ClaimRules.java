package dev.forecourt.edge.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The claims API Gateway checks once the signature holds, in its order: {@code iss} equals the issuer; {@code aud}
 * holds one of the audiences, or, only when there is no {@code aud}, {@code client_id} is one of them; {@code exp} is
 * after now, {@code nbf} and {@code iat} before now, each with a small leeway for clocks that disagree. A token without
 * {@code exp} is refused: it would be good forever, and we cache verified tokens until it.
 */
final class ClaimRules {
    private final String issuer;
    private final List<String> audiences;
    private final long skewMillis;

    ClaimRules(String issuer, List<String> audiences, long skewMillis) {
        this.issuer = issuer;
        this.audiences = audiences;
        this.skewMillis = skewMillis;
    }

    /** The latest time a time claim may name: the end of year 9999, in seconds (as far as HTTP dates go). */
    static final long LAST_SECOND = 253_402_300_799L;

    private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");

    /**
     * Null when each time claim ({@code exp}, {@code nbf}, {@code iat}) present in the token's own JSON is a number
     * of seconds from 0 to {@link #LAST_SECOND}; else the refusal. Checked on the raw numbers: the parsed claims are
     * dates in milliseconds, which a huge number of seconds overflows (nbf 1e20 came out as 1969, in the past, and a
     * token not valid until then was let in).
     */
    AuthResult.Denied timesInRange(Map<String, Object> payload) {
        for (String claim : TIME_CLAIMS) {
            Object v = payload.get(claim);
            if (v == null) {
                continue;
            }
            double seconds = v instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!(seconds >= 0 && seconds <= LAST_SECOND)) {
                return AuthResult.Denied.unauthorized("the token is malformed", claim + " " + TokenText.quote(
                        String.valueOf(v)) + " is no time in seconds from 0 to " + LAST_SECOND + " (year 9999)");
            }
        }
        return null;
    }

    /** Null when the claims pass, else the refusal. */
    AuthResult.Denied check(JWTClaimsSet claims, long nowMillis) {
        if (!issuer.equals(claims.getIssuer())) {
            return AuthResult.Denied.unauthorized("the token does not have a valid issuer",
                    "wrong issuer: " + TokenText.quote(claims.getIssuer()) + ", expected '" + issuer + "'");
        }
        List<String> aud = claims.getAudience();
        if (!aud.isEmpty()) {
            if (aud.stream().noneMatch(audiences::contains)) {
                return AuthResult.Denied.unauthorized("the token does not have a valid audience",
                        "wrong audience: " + TokenText.quote(aud) + ", expected one of " + audiences);
            }
        } else {
            String clientId = clientId(claims);
            if (clientId == null || !audiences.contains(clientId)) {
                return AuthResult.Denied.unauthorized("the token does not have a valid audience",
                        (clientId == null ? "no aud and no client_id" : "wrong client_id: " + TokenText.quote(clientId))
                                + ", expected one of " + audiences);
            }
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return AuthResult.Denied.unauthorized("the token has no expiry", "no exp claim");
        }
        if (nowMillis > exp.getTime() + skewMillis) {
            return AuthResult.Denied.unauthorized("the token has expired",
                    "the token has expired: exp " + exp.toInstant() + ", now " + Instant.ofEpochMilli(nowMillis));
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nowMillis + skewMillis < nbf.getTime()) {
            return AuthResult.Denied.unauthorized("the token is not valid yet",
                    "the token is not valid yet: nbf " + nbf.toInstant() + ", now " + Instant.ofEpochMilli(nowMillis));
        }
        Date iat = claims.getIssueTime();
        if (iat != null && nowMillis + skewMillis < iat.getTime()) {
            return AuthResult.Denied.unauthorized("the token was issued in the future",
                    "iat in the future: iat " + iat.toInstant() + ", now " + Instant.ofEpochMilli(nowMillis));
        }
        return null;
    }

    /** Until when a token that passed stays good: its {@code exp} plus the leeway. */
    long goodUntilMillis(JWTClaimsSet claims) {
        return claims.getExpirationTime().getTime() + skewMillis;
    }

    private static String clientId(JWTClaimsSet claims) {
        try {
            return claims.getStringClaim("client_id");
        } catch (ParseException e) {
            return null; // not a string: no client id
        }
    }
}
