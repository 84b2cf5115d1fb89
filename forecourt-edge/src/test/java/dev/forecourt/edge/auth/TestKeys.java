package dev.forecourt.edge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Signing keys made in the test (RSA 2048, EC P-256 and P-384, Ed25519), their JWKS, and tokens signed with them. */
final class TestKeys {
    private TestKeys() {}

    /** A private key and how to sign with it. */
    record Key(JWK publicJwk, JWSSigner signer) {
        String kid() {
            return publicJwk.getKeyID();
        }
    }

    static Key rsa(String kid) {
        try {
            RSAKey k = new RSAKeyGenerator(2048).keyID(kid).generate();
            return new Key(k.toPublicJWK(), new RSASSASigner(k));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Key ec(String kid, Curve curve) {
        try {
            ECKey k = new ECKeyGenerator(curve).keyID(kid).generate();
            return new Key(k.toPublicJWK(), new ECDSASigner(k));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ed25519 by the JDK (nimbus's own Ed25519 classes need Google Tink, which we don't ship). */
    static Key ed25519(String kid) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid).build();
            return new Key(jwk, new JdkEd25519Signer(pair.getPrivate()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwks(Key... keys) {
        return new JWKSet(Arrays.stream(keys).map(Key::publicJwk).toList()).toString();
    }

    static String sign(Key key, JWSAlgorithm alg, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(alg).keyID(key.kid()).build(), claims);
    }

    static String sign(Key key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(key.signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class JdkEd25519Signer implements JWSSigner {
        private final PrivateKey key;
        private final JCAContext jca = new JCAContext();

        JdkEd25519Signer(PrivateKey key) {
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(signingInput);
                return Base64URL.encode(s.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }

    static List<String> scopes(String... s) {
        return List.of(s);
    }
}
