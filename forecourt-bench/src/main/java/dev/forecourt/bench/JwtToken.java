package dev.forecourt.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * For the benchmark scripts: makes an RS256 key, writes its public JWKS to {@code JWKS_FILE} and prints a token signed
 * with it (kid {@code bench}, valid for an hour) for {@code ISSUER} and {@code AUDIENCE}.
 * Usage: {@code java -cp ... dev.forecourt.bench.JwtToken JWKS_FILE ISSUER AUDIENCE}
 */
public final class JwtToken {
    private JwtToken() {}

    public static void main(String[] args) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        Files.writeString(Path.of(args[0]), new JWKSet(key.toPublicJWK()).toString());
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(args[1]).audience(args[2]).subject("bench-user")
                .claim("scope", "api.read api.write").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(), claims);
        jwt.sign(new RSASSASigner(key));
        System.out.println(jwt.serialize());
    }
}
