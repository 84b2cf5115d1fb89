package dev.forecourt.edge.auth;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One JWT authorizer of an API, in API Gateway's words ({@code JwtConfiguration}: issuer, audience; the identity
 * source), plus where its keys come from: {@code jwksUri} (fetched and refreshed) or {@code jwksFile} (a JWKS document
 * on disk), exactly one of them. AWS finds the keys through the issuer's OpenID discovery document; we take the key
 * set's address itself, so that an identity provider on a private network, or a file, serves too.
 *
 * <p>{@link #problems} says everything wrong at once, for the configuration reader to report at its line; the
 * constructor refuses the same values with the same words.
 */
public record JwtAuthorizerConfig(String name, String issuer, List<String> audience, URI jwksUri, Path jwksFile,
                                  String identitySource) {

    /** API Gateway's default identity source for a JWT authorizer. */
    public static final String DEFAULT_IDENTITY_SOURCE = "$request.header.Authorization";
    private static final String HEADER_SOURCE = "$request.header.";

    public JwtAuthorizerConfig {
        if (identitySource == null) identitySource = DEFAULT_IDENTITY_SOURCE;
        List<String> problems = problems(name, issuer, audience, jwksUri, jwksFile, identitySource);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("authorizer" + (name == null || name.isBlank() ? "" : " " + name)
                    + ": " + String.join("; ", problems));
        }
        audience = List.copyOf(audience);
    }

    /** With the default identity source ({@code $request.header.Authorization}). */
    public static JwtAuthorizerConfig of(String name, String issuer, List<String> audience, URI jwksUri) {
        return new JwtAuthorizerConfig(name, issuer, audience, jwksUri, null, DEFAULT_IDENTITY_SOURCE);
    }

    /** Keys from a JWKS file, with the default identity source. */
    public static JwtAuthorizerConfig ofFile(String name, String issuer, List<String> audience, Path jwksFile) {
        return new JwtAuthorizerConfig(name, issuer, audience, null, jwksFile, DEFAULT_IDENTITY_SOURCE);
    }

    /** Every problem with these values, each a sentence naming the field; empty when they make an authorizer. */
    public static List<String> problems(String name, String issuer, List<String> audience, URI jwksUri,
                                        Path jwksFile, String identitySource) {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) problems.add("name: an authorizer needs a name");
        if (issuer == null || issuer.isBlank()) {
            problems.add("issuer: required, the token's iss must equal it (e.g. https://idp.example.org/)");
        }
        if (audience == null || audience.isEmpty()) {
            problems.add("audience: required, at least one value the token's aud (or client_id) must contain");
        } else if (audience.stream().anyMatch(a -> a == null || a.isBlank())) {
            problems.add("audience: an empty value matches no token");
        }
        if ((jwksUri == null) == (jwksFile == null)) {
            problems.add("jwksUri or jwksFile: exactly one says where the signing keys are");
        }
        if (jwksUri != null) {
            String scheme = jwksUri.getScheme() == null ? "" : jwksUri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || jwksUri.getHost() == null) {
                problems.add("jwksUri: " + jwksUri + " is not an http(s) URL with a host");
            }
        }
        if (identitySource != null && (!identitySource.startsWith(HEADER_SOURCE)
                || identitySource.length() == HEADER_SOURCE.length())) {
            problems.add("identitySource: " + identitySource + " is not a header; a JWT authorizer reads "
                    + "$request.header.NAME (default " + DEFAULT_IDENTITY_SOURCE + ")");
        }
        return problems;
    }

    /** The header the token arrives in ({@code Authorization} by default). */
    public String headerName() {
        return identitySource.substring(HEADER_SOURCE.length());
    }
}
