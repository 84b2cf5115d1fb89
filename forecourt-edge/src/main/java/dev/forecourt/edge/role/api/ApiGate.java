package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Stage;
import dev.forecourt.edge.role.Assembly;

/**
 * The rooms a route's requests pass before their integration that this package does not build: the route's
 * authorizer (JWT verification) and throttling (token buckets, local or shared through Redis). A route's corridor
 * asks for them once per generation ({@link Api#route}); a stage returned here sits in it, after routing and before the
 * request mapping. Failures are the taxonomy's ({@code unauthorized}, {@code throttled}): the API answers them in
 * AWS's words. An authorizer sets {@link ApiAttributes#AUTHORIZER_CLAIMS}. State that must outlive a reload (keys,
 * buckets) is {@link Assembly#keep}-ed.
 */
public interface ApiGate {
    /** No authorizer, no throttling: what this build runs until those rooms are plugged in. */
    ApiGate NONE = new ApiGate() {};

    /**
     * The room that lets the route's callers in, by {@code authorizer} (the one {@code route.authorizer()} names, with
     * {@code route.authorizationScopes()}); null when this gate has none, and then the API refuses to start (a route
     * meant to be guarded never runs open).
     */
    default Stage authorizer(ApiConfig api, RouteConfig route, AuthorizerConfig authorizer, Assembly assembly)
            throws Exception {
        return null;
    }

    /**
     * The room that throttles the route's requests: by {@code route.throttling()}, and by {@code api.throttling()}
     * for the whole API (a bucket shared by its routes: one per API name, not one per route); called for every
     * route when either is set. Null: not throttled (logged once per API at start).
     */
    default Stage throttle(ApiConfig api, RouteConfig route, Assembly assembly) throws Exception {
        return null;
    }
}
