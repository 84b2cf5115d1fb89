package dev.forecourt.edge.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

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
