package dev.forecourt.edge.role.api;

import java.util.List;

/**
 * A route: its key, the authorizer that must let its caller in (null: none) with the scopes the token must carry,
 * its own throttling (null: the API's), its integration, and the cache policy its answers are kept under (null: not
 * cached; a name of the file's {@code cachePolicies} or a managed one).
 */
public record RouteConfig(RouteKey key, String authorizer, List<String> authorizationScopes, ThrottleConfig throttling,
                          IntegrationConfig integration, String cachePolicy) {
    public RouteConfig {
        authorizationScopes = List.copyOf(authorizationScopes);
    }
}
