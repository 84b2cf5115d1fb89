package dev.forecourt.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the configuration reader learns from an authorizer's values: every problem, each naming its field. */
class JwtAuthorizerConfigTest {
    static final URI JWKS = URI.create("https://idp.example.org/.well-known/jwks.json");

    @Test
    void goodValuesMakeAnAuthorizerWithTheDefaultIdentitySource() {
        JwtAuthorizerConfig c = JwtAuthorizerConfig.of("users", "https://idp.example.org/", List.of("api"), JWKS);
        assertThat(c.identitySource()).isEqualTo("$request.header.Authorization");
        assertThat(c.headerName()).isEqualTo("Authorization");
        assertThat(new JwtAuthorizerConfig("u", "i", List.of("a"), JWKS, null, null).headerName())
                .isEqualTo("Authorization");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThat(JwtAuthorizerConfig.problems("", " ", List.of(), null, null, "$request.querystring.token"))
                .containsExactly(
                        "name: an authorizer needs a name",
                        "issuer: required, the token's iss must equal it (e.g. https://idp.example.org/)",
                        "audience: required, at least one value the token's aud (or client_id) must contain",
                        "jwksUri or jwksFile: exactly one says where the signing keys are",
                        "identitySource: $request.querystring.token is not a header; a JWT authorizer reads "
                                + "$request.header.NAME (default $request.header.Authorization)");
    }

    @Test
    void keysComeFromExactlyOnePlaceAndAnHttpUrl() {
        assertThat(JwtAuthorizerConfig.problems("u", "i", List.of("a"), JWKS, Path.of("k.json"), null))
                .containsExactly("jwksUri or jwksFile: exactly one says where the signing keys are");
        assertThat(JwtAuthorizerConfig.problems("u", "i", List.of("a"), URI.create("file:///etc/keys"), null, null))
                .containsExactly("jwksUri: file:///etc/keys is not an http(s) URL with a host");
        assertThat(JwtAuthorizerConfig.problems("u", "i", List.of("a", ""), JWKS, null, "$request.header."))
                .containsExactly("audience: an empty value matches no token",
                        "identitySource: $request.header. is not a header; a JWT authorizer reads "
                                + "$request.header.NAME (default $request.header.Authorization)");
    }

    @Test
    void theConstructorRefusesWithTheSameWords() {
        assertThatThrownBy(() -> JwtAuthorizerConfig.of("users", "", List.of("api"), JWKS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("authorizer users: issuer: required, the token's iss must equal it "
                        + "(e.g. https://idp.example.org/)");
    }
}
