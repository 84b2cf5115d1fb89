package dev.forecourt.edge.role.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A JWT authorizer (API Gateway's {@code type: jwt}): tokens from {@code identitySource} (by default
 * {@code $request.header.Authorization}, {@code Bearer} optional) whose {@code iss} is {@code issuer} and whose
 * {@code aud} (or {@code client_id}) is one of {@code audience}, signed by a key of the JWKS at {@code jwksUri} or in
 * {@code jwksFile} (one of them is required).
 */
public record AuthorizerConfig(String name, String type, String issuer, List<String> audience, String jwksUri,
                               Path jwksFile, MappingValue identitySource) {
    public AuthorizerConfig {
        audience = List.copyOf(audience);
    }
}
