package dev.forecourt.edge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signature keys of one JWKS document, by {@code kid}, each with its verifier made once (a verifier holds the
 * decoded public key: making it per token would cost more than the check). Immutable: a refresh makes a new one.
 *
 * <p>Only what can verify the algorithms we accept is kept: RSA keys (RS256/384/512), EC keys on P-256 (ES256) and
 * P-384 (ES384), OKP keys on Ed25519 (EdDSA). A key for encryption ({@code use: enc}) or without a {@code kid} is left
 * out: API Gateway picks the key by the token's {@code kid} and nothing else. A key whose own {@code alg} is set only
 * serves that algorithm (RFC 7517 section 4.4), so an RSA key can't be used with a token that says HS256 or PS256.
 */
final class SigningKeys {
    /** The algorithms a token may be signed with: those API Gateway takes (RSA) and the EC and EdDSA ones IdPs use. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    static final SigningKeys NONE = new SigningKeys(Map.of(), List.of());

    private record Entry(JWK jwk, JWSVerifier verifier) {}

    private final Map<String, List<Entry>> byKid;
    private final List<String> skipped;

    private SigningKeys(Map<String, List<Entry>> byKid, List<String> skipped) {
        this.byKid = byKid;
        this.skipped = skipped;
    }

    /** Reads a JWKS document; a key that can't serve is skipped and named in {@link #skipped}. */
    static SigningKeys parse(String json) throws ParseException {
        JWKSet set = JWKSet.parse(json);
        Map<String, List<Entry>> byKid = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (JWK jwk : set.getKeys()) {
            String kid = jwk.getKeyID();
            if (kid == null) {
                skipped.add("a " + jwk.getKeyType() + " key without kid");
                continue;
            }
            if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
                skipped.add(kid + " (use " + jwk.getKeyUse().identifier() + ")");
                continue;
            }
            try {
                JWSVerifier v = verifier(jwk.toPublicJWK());
                if (v == null) {
                    skipped.add(kid + " (a " + jwk.getKeyType() + " key no accepted algorithm uses)");
                } else {
                    byKid.computeIfAbsent(kid, k -> new ArrayList<>(1)).add(new Entry(jwk.toPublicJWK(), v));
                }
            } catch (JOSEException e) {
                skipped.add(kid + " (" + e.getMessage() + ")");
            }
        }
        byKid.replaceAll((k, v) -> List.copyOf(v));
        return new SigningKeys(Map.copyOf(byKid), List.copyOf(skipped));
    }

    private static JWSVerifier verifier(JWK jwk) throws JOSEException {
        return switch (jwk) {
            case RSAKey rsa -> new RSASSAVerifier(rsa);
            case ECKey ec when Curve.P_256.equals(ec.getCurve()) || Curve.P_384.equals(ec.getCurve()) ->
                    new ECDSAVerifier(ec);
            case OctetKeyPair okp when Curve.Ed25519.equals(okp.getCurve()) -> new Ed25519Verification(okp);
            default -> null;
        };
    }

    /** Whether a key named {@code kid} is here at all (whatever its type). */
    boolean has(String kid) {
        return byKid.containsKey(kid);
    }

    /** The verifier of key {@code kid} for {@code alg}, or null when no key of that name fits that algorithm. */
    JWSVerifier verifier(String kid, JWSAlgorithm alg) {
        List<Entry> entries = byKid.get(kid);
        if (entries == null) return null;
        for (Entry e : entries) {
            if (fits(e.jwk, alg)) return e.verifier;
        }
        return null;
    }

    private static boolean fits(JWK jwk, JWSAlgorithm alg) {
        boolean typeFits = switch (jwk) {
            case RSAKey rsa -> alg.getName().startsWith("RS");
            case ECKey ec -> alg.equals(JWSAlgorithm.ES256) && Curve.P_256.equals(ec.getCurve())
                    || alg.equals(JWSAlgorithm.ES384) && Curve.P_384.equals(ec.getCurve());
            case OctetKeyPair okp -> alg.equals(JWSAlgorithm.EdDSA) || alg.equals(JWSAlgorithm.Ed25519);
            default -> false;
        };
        if (!typeFits || jwk.getAlgorithm() == null) return typeFits;
        String declared = jwk.getAlgorithm().getName();
        // EdDSA and Ed25519 name the same signature here (RFC 9864 made the second the precise name of the first)
        return declared.equals(alg.getName())
                || jwk instanceof OctetKeyPair && (declared.equals("EdDSA") || declared.equals("Ed25519"));
    }

    int size() {
        return byKid.size();
    }

    boolean isEmpty() {
        return byKid.isEmpty();
    }

    /** The keys left out, each with why, for the log line of a fetch. */
    List<String> skipped() {
        return skipped;
    }
}
