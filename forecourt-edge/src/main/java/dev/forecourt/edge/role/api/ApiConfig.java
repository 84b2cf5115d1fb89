package dev.forecourt.edge.role.api;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.policy.CorsRules;
import dev.forecourt.http.Limits;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API (API Gateway's): its listener (null: reached only through a custom domain's mapping), its stage ({@code $default}: no path prefix; a name: {@code /NAME}
 * first in every path, stripped before routing), routes, CORS ({@code cors}, null: none), throttling for the API
 * (null: none), JWT authorizers by name, stage variables, access log and limits. {@code domains}: the Host values
 * it answers to (empty: any). {@code keepEncodedSlashes}: {@code %2F} does not cut a path segment (AWS's does).
 * {@code trustForwardedFrom}: the peers whose forwarding headers are kept. {@code cache}: the store of the routes
 * that name a {@code cachePolicy} (null: none given, the default store if a route is cached).
 */
public record ApiConfig(String name, String listen, String stage, List<RouteConfig> routes, CorsRules cors,
                        ThrottleConfig throttling, Map<String, AuthorizerConfig> authorizers,
                        Map<String, String> stageVariables, AccessLogConfig accessLog, Limits limits,
                        List<String> domains, boolean keepEncodedSlashes, List<Cidr> trustForwardedFrom,
                        CacheConfig cache) {
    /** The stage whose name is not in the path. */
    public static final String DEFAULT_STAGE = "$default";

    public ApiConfig {
        routes = List.copyOf(routes);
        authorizers = Map.copyOf(authorizers);
        stageVariables = Map.copyOf(stageVariables);
        domains = List.copyOf(domains);
        trustForwardedFrom = List.copyOf(trustForwardedFrom);
        if (accessLog == null) accessLog = AccessLogConfig.DEFAULT;
        if (limits == null) limits = Limits.DEFAULT;
    }

    /** Whether a route names a cache policy. */
    public boolean caches() {
        return routes.stream().anyMatch(r -> r.cachePolicy() != null);
    }

    /** The path prefix of its stage ({@code /prod}), or null for {@code $default}. */
    public String stagePrefix() {
        return stage.equals(DEFAULT_STAGE) ? null : "/" + stage;
    }
}
