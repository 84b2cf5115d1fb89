package dev.forecourt.edge.role.api;

import dev.forecourt.edge.Corridor;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.edge.route.Router;
import dev.forecourt.edge.stage.Cors;
import dev.forecourt.edge.stage.ForwardedHeaders;
import dev.forecourt.edge.stage.ForwardedTrust;
import dev.forecourt.edge.stage.HopByHopHeaders;
import dev.forecourt.edge.stage.HopStamp;
import dev.forecourt.edge.stage.TraceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API (API Gateway's): one corridor for its listener (or for each custom domain mapping to it), then one per
 * route. This is the whole request path of the role; every room has one job.
 */
public final class Api {
    private Api() {}

    /** The API's own listener's corridor: what every request meets before its route. */
    static Service listener(ApiConfig api, Service routes) {
        Service end = routes;                                 // the route by method and path, then its corridor
        if (!api.domains().isEmpty()) {
            end = new Router(List.of(new Router.VirtualHost(api.name(), api.domains().stream().map(HostPattern::new)
                    .toList(), routes)), "API '" + api.name() + "' (its domains)");
        }
        return corridor(api, api.stagePrefix() == null ? null       // $default: no prefix
                : new StagePrefix(api.stagePrefix()), end);           // /prod taken off what routes see; outside it: 404
    }

    /** The corridor of a custom domain's mapping to the API: the mapping's {@code segments} are its path. */
    static Service mapped(ApiConfig api, Service routes, int segments) {
        return corridor(api, segments == 0 ? null : new MappingPath(segments), routes); // /v1 off what routes see
    }

    /** The corridor of a custom domain's answer when no mapping takes a request, logged in {@code log}. */
    static Service unmapped(Unmapped answer, AccessLogConfig log) {
        return Corridor.of(List.of(
                new HopStamp(null),
                new ApiEntrance(null, Map.of(), log.enabled() ? log.format() : null), // apigw-requestid on the 404 too
                new ApiErrors(),
                new TraceContext()), answer);
    }

    private static Service corridor(ApiConfig api, Stage path, Service end) {
        List<Stage> stages = new ArrayList<>(List.of(
                new HopStamp(null),        // Via, Server-Timing: the story of the answer
                new ApiEntrance(api.stage(), api.stageVariables(), // $context.requestId, apigw-requestid on every answer
                        api.accessLog().enabled() ? api.accessLog().format() : null),
                new ForwardedTrust(api.trustForwardedFrom()), // X-Forwarded-* etc. kept from trusted peers only
                new TraceContext()));      // traceparent continued or started, x-request-id
        if (api.cors() != null) {
            // preflights answered here, for any path; the headers on every answer to a CORS request, the gateway's
            // own errors too (outside ApiErrors), so a page can read a 429 or a 503 rather than a network error
            stages.add(Cors.answeringPreflights(api.cors()));
        }
        stages.add(new ApiErrors());       // failures behind this point: AWS's status and body, our headers beside
        if (path != null) {
            stages.add(path);              // the stage's or the mapping's path taken off what routes see
        }
        return Corridor.of(stages, end);
    }

    /**
     * A route's corridor: from its gate's rooms to its integration. With a cache, its answers are kept after the
     * authorizer and the throttle (a cached answer is for callers let in, and counts against their buckets), and
     * the response mappings run on each answer, stored or not.
     */
    static Service route(RouteConfig route, Stage authorizer, Stage throttle, Stage cache, IntegrationUri uri,
                         Service integration) {
        List<Stage> stages = new ArrayList<>();
        if (authorizer != null) stages.add(authorizer);      // the caller's token, or 401/403
        if (throttle != null) stages.add(throttle);          // the route's and the API's buckets, or 429
        if (!route.integration().response().isEmpty()) {
            stages.add(new IntegrationResponse(route.integration().response())); // headers, status by the answer's status
        }
        if (cache != null) stages.add(cache);                // RFC 9111 under the route's cachePolicy (beyond AWS)
        stages.add(new HopByHopHeaders());                   // connection headers stay on their connection
        stages.add(new ForwardedHeaders());                  // X-Forwarded-*, Forwarded: the client, as it arrived
        stages.add(new IntegrationRequest(uri, route.key().isDefault(), route.integration().request())); // path, Host, mappings
        return Corridor.of(stages, integration);             // a pooled connection to the uri or the link
    }
}
