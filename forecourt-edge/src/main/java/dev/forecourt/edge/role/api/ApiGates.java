package dev.forecourt.edge.role.api;

import dev.forecourt.edge.CannotStart;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.auth.JwtAuthorizer;
import dev.forecourt.edge.auth.JwtAuthorizerConfig;
import dev.forecourt.edge.role.Assembly;
import java.net.URI;
import java.util.List;

/**
 * The gate this build runs: routes with an authorizer get a JWT authorizer (kept across reloads while its settings
 * are unchanged, so its keys and verified tokens stay warm). Throttling is read but not enforced yet.
 */
public final class ApiGates implements ApiGate {
    public static final ApiGates JWT = new ApiGates();

    private ApiGates() {}

    @Override
    public Stage authorizer(ApiConfig api, RouteConfig route, AuthorizerConfig a, Assembly assembly) throws Exception {
        String where = "apis." + api.name() + ".authorizers." + a.name();
        URI jwksUri = a.jwksUri() == null ? null : URI.create(a.jwksUri());
        String source = a.identitySource().toString();
        List<String> problems = JwtAuthorizerConfig.problems(a.name(), a.issuer(), a.audience(), jwksUri, a.jwksFile(),
                source);
        if (!problems.isEmpty()) {
            throw new CannotStart(where, new IllegalArgumentException(String.join("; ", problems)));
        }
        JwtAuthorizerConfig config = new JwtAuthorizerConfig(a.name(), a.issuer(), a.audience(), jwksUri, a.jwksFile(),
                source);
        JwtAuthorizer authorizer = assembly.keep("jwt/" + api.name() + "/" + a.name(), config,
                () -> JwtAuthorizer.start(config, assembly.clock()));
        return new JwtAuthorization(authorizer, route.authorizationScopes());
    }
}
