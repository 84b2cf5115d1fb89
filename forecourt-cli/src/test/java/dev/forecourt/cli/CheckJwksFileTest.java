package dev.forecourt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} reads a JWT authorizer's jwksFile as the authorizer will: one it can't use is an error at its line. */
class CheckJwksFileTest {
    @TempDir
    Path dir;

    @Test
    void aKeySetFileTheAuthorizerCannotUseIsAnErrorAtItsLine() throws Exception {
        Files.createDirectory(dir.resolve("keys"));
        Files.writeString(dir.resolve("not-jwks.json"), "keys: none\n");
        RSAKey enc = new RSAKeyGenerator(2048).keyID("e1").keyUse(KeyUse.ENCRYPTION).generate();
        Files.writeString(dir.resolve("enc-only.json"), "{\"keys\": [" + enc.toPublicJWK().toJSONString() + "]}");
        RSAKey sig = new RSAKeyGenerator(2048).keyID("s1").generate();
        Files.writeString(dir.resolve("good.json"), "{\"keys\": [" + sig.toPublicJWK().toJSONString() + "]}");
        CheckRun.Result r = CheckRun.resource(dir, "jwks-files.yaml");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.contains(".jwksFile: "))).containsExactlyInAnyOrder(
                r.at(10) + "apis.public.authorizers.dir.jwksFile: " + dir.resolve("keys") + " is not a file: a JWKS"
                        + " document is one ({\"keys\": [...]}). Fix: the document's path",
                r.at(11) + "apis.public.authorizers.text.jwksFile: " + dir.resolve("not-jwks.json") + " is not a JWKS"
                        + " document: Invalid JSON object. Fix: {\"keys\": [{\"kty\": \"RSA\", \"kid\": ..., \"n\":"
                        + " ..., \"e\": ...}]}, as the IdP publishes at its jwks_uri",
                r.at(12) + "apis.public.authorizers.enc.jwksFile: " + dir.resolve("enc-only.json") + " has no key a"
                        + " token can be verified with (left out: e1 (use enc)): RSA, EC P-256/P-384 or Ed25519 keys"
                        + " with a kid, for signatures");
    }
}
