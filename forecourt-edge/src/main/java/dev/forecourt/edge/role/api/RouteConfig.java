package dev.forecourt.edge.role.api;

import java.util.List;

/**
 * A route: its key, the authorizer that must let its caller in (null: none) with the scopes the token must carry,
 * its own throttling (null: the API's), and its integration.
 */
public record RouteConfig(RouteKey key, String authorizer, List<String> authorizationScopes, ThrottleConfig throttling,
                          IntegrationConfig integration) {
    public RouteConfig {
        authorizationScopes = List.copyOf(authorizationScopes);
    }
}
