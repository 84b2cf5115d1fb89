package dev.forecourt.edge.role.api;

import dev.forecourt.edge.CannotStart;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.auth.JwtAuthorizer;
import dev.forecourt.edge.auth.JwtAuthorizerConfig;
import dev.forecourt.edge.config.ClusterConfig;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.edge.throttle.Throttle;
import java.net.URI;
import java.util.List;

/**
 * The gate this build runs: routes with an authorizer get a JWT authorizer (kept across reloads while its settings
 * are unchanged, so its keys and verified tokens stay warm); throttled routes get token buckets, this process's or
 * shared through Redis ({@code cluster:}), kept across reloads too (a reload must not refill every bucket).
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

    @Override
    public Stage throttle(ApiConfig api, RouteConfig route, Assembly assembly) {
        ClusterConfig cluster = assembly.config().cluster();
        Throttle throttle = assembly.keep("throttle", cluster,
                () -> Throttle.of(cluster, assembly.metrics().registry()));
        return new ApiThrottling(throttle,
                ApiThrottling.Bucket.of("api|" + api.name() + "|" + route.key(), route.throttling()),
                ApiThrottling.Bucket.of("api|" + api.name(), api.throttling()));
    }
}
