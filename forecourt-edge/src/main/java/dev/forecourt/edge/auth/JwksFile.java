package dev.forecourt.edge.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code check} (and so {@code run}) says of a JWT authorizer's {@code jwksFile}: read and parsed as the
 * authorizer will read it. A file it can't use would answer every token with 401, each one logged, instead of a
 * line at start.
 */
public final class JwksFile {
    private JwksFile() {}

    /** Null when {@code file} holds a key set with a key tokens can be verified with; else what is wrong, and the fix. */
    public static String problem(Path file) {
        Path f = file.toAbsolutePath().normalize();
        if (!Files.exists(f)) {
            return f + " does not exist. Fix: the path of the JWKS document (a relative path is taken from the"
                    + " configuration file's directory), or jwksUri";
        }
        if (!Files.isRegularFile(f)) {
            return f + " is not a file: a JWKS document is one ({\"keys\": [...]}). Fix: the document's path";
        }
        if (!Files.isReadable(f)) {
            return f + " can't be read by this user. Fix: let it read the file (chmod a+r)";
        }
        int max = JwtAuthorizerLimits.DEFAULT.maxJwksBytes();
        try {
            long size = Files.size(f);
            if (size > max) {
                return f + " is " + size + " bytes, more than the " + max + " a key set may have";
            }
            SigningKeys keys = SigningKeys.parse(Files.readString(f, StandardCharsets.UTF_8));
            if (keys.isEmpty()) {
                return f + " has no key a token can be verified with" + (keys.skipped().isEmpty() ? ""
                        : " (left out: " + String.join(", ", keys.skipped()) + ")") + ": RSA, EC P-256/P-384 or"
                        + " Ed25519 keys with a kid, for signatures";
            }
            return null;
        } catch (IOException e) {
            return f + " can't be read: " + e.getMessage();
        } catch (java.text.ParseException e) {
            return f + " is not a JWKS document: " + e.getMessage() + ". Fix: {\"keys\": [{\"kty\": \"RSA\", \"kid\":"
                    + " ..., \"n\": ..., \"e\": ...}]}, as the IdP publishes at its jwks_uri";
        }
    }
}
