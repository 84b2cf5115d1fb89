package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Corridor;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.Stage;
import dev.forecourt.edge.cache.CacheStage;
import dev.forecourt.edge.cache.ErrorCaching;
import dev.forecourt.edge.cache.GetWithBody;
import dev.forecourt.edge.cache.HttpCache;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.role.distribution.CustomErrorResponse;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.function.EdgeFunction.Event;
import dev.forecourt.edge.function.FunctionStage;
import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.edge.route.PathPattern;
import dev.forecourt.edge.route.Router;
import dev.forecourt.edge.stage.Cors;
import dev.forecourt.edge.stage.Errors;
import dev.forecourt.edge.stage.ForwardedHeaders;
import dev.forecourt.edge.stage.ForwardedTrust;
import dev.forecourt.edge.stage.HopByHopHeaders;
import dev.forecourt.edge.stage.HopStamp;
import dev.forecourt.edge.stage.TraceContext;
import dev.forecourt.http.HostPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A distribution (CloudFront): one corridor for its listener, then one per cache behavior. This is the whole
 * request path of the role; every room has one job, and the cache is one of them.
 */
public final class Distribution {
    private Distribution() {}

    /** The listener's corridor: what every request meets before its behavior. */
    public static Service listener(DistributionConfig d, Service behaviors) {
        List<Stage> stages = List.of(
                new HopStamp(null),        // Via, Server-Timing (with the cache's result): the story of the answer
                new Errors(Map.of()),      // failures behind this point become the taxonomy's answers
                new ForwardedTrust(d.trustForwardedFrom()), // a viewer's X-Forwarded-* etc. removed: only claims
                new TraceContext());       // traceparent continued or started, x-request-id
        if (d.aliases().isEmpty()) {
            return Corridor.of(stages, behaviors);
        }
        Router aliases = new Router(List.of(new Router.VirtualHost(d.name(),
                d.aliases().stream().map(HostPattern::new).toList(), behaviors)),
                "distribution '" + d.name() + "' (its aliases)");
        return Corridor.of(stages, aliases);   // Host must be one of the aliases, else no_route naming them
    }

    /**
     * The behaviors in order, each its own corridor, ending at its origin; around them, the custom error pages (which
     * fetch a page through the behaviors again).
     */
    public static Service behaviors(DistributionConfig d, HttpCache cache, Function<String, Service> originByName) {
        Map<Integer, java.time.Duration> minTtls = new HashMap<>();
        Map<Integer, ErrorPages.Page> pages = new HashMap<>();
        for (CustomErrorResponse e : d.customErrorResponses()) {
            if (e.errorCachingMinTTL() != null) {
                minTtls.put(e.errorCode(), e.errorCachingMinTTL());
            }
            if (e.responsePagePath() != null) {
                pages.put(e.errorCode(), new ErrorPages.Page(e.responsePagePath(), e.responseCode()));
            }
        }
        ErrorCaching errors = new ErrorCaching(minTtls);
        List<Behaviors.Behavior> ordered = new ArrayList<>();
        for (BehaviorConfig b : d.behaviors()) {
            ordered.add(new Behaviors.Behavior(new PathPattern(b.pathPattern()), behavior(d, b, cache, errors, originByName),
                    described(b)));
        }
        Service all = new Behaviors(ordered, behavior(d, d.defaultBehavior(), cache, errors, originByName),
                described(d.defaultBehavior()));
        return pages.isEmpty() ? all : new ErrorPages(pages, all);
    }

    /** How a trace names a behavior: its pattern, origin and policies. */
    static String described(BehaviorConfig b) {
        return "behavior " + (b.pathPattern() == null ? "default" : "'" + b.pathPattern() + "'") + " -> origin '"
                + b.origin() + "'; cache policy " + b.cachePolicy().name() + ", origin request policy "
                + b.originRequestPolicy().name()
                + (b.responseHeadersPolicy() == null ? "" : ", response headers policy " + b.responseHeadersPolicy().name())
                + (b.functions().isEmpty() ? "" : ", functions on " + b.functions().keySet());
    }

    /** One behavior's corridor. */
    static Service behavior(DistributionConfig d, BehaviorConfig b, HttpCache cache, ErrorCaching errors,
                            Function<String, Service> originByName) {
        OriginConfig origin = d.origins().get(b.origin());
        List<Stage> stages = new ArrayList<>(List.of(
                new ViewerProtocol(b.viewerProtocolPolicy(), httpsPort(d)), // plain HTTP allowed, redirected or refused
                new AllowedMethods(b.allowedMethods()),         // 405 for the rest, with Allow
                new GetWithBody()));                            // 400 for a read with a body: no poisoned keys
        if (b.responseHeadersPolicy() != null) {
            stages.add(new ResponseHeaders(b.responseHeadersPolicy()));  // security, custom, removed headers
            if (b.responseHeadersPolicy().cors() != null) {
                stages.add(Cors.onAnswers(b.responseHeadersPolicy().cors())); // CORS headers; preflights go on
            }
        }
        functions(b, Event.VIEWER_REQUEST, Event.VIEWER_RESPONSE, stages);     // edits before the cache
        stages.add(new CacheStage(cache, b.cachePolicy(), b.cachedMethods().contains("OPTIONS"), // RFC 9111 cache
                errors));                                                                // errors: 10 s or as set
        functions(b, Event.ORIGIN_REQUEST, Event.ORIGIN_RESPONSE, stages);     // edits on a miss only
        stages.add(new HopByHopHeaders());                                       // connection headers stay here
        stages.add(new ForwardedHeaders());                                      // X-Forwarded-*, Forwarded
        stages.add(new OriginRequest(b.cachePolicy(), b.originRequestPolicy(), origin)); // what the origin sees
        return Corridor.of(stages, originByName.apply(b.origin()));              // pooled connection to the origin
    }

    /** Whether a request header this hop kept reaches the behavior's origin (what OriginRequest passes); for check. */
    public static boolean reachesOrigin(BehaviorConfig b, String header) {
        return OriginRequest.passes(b.cachePolicy().headers().or(b.originRequestPolicy().headers()),
                header.toLowerCase(java.util.Locale.ROOT));
    }

    /** Where redirect-to-https sends viewers: the port of tls.listen, else 443. */
    static int httpsPort(DistributionConfig d) {
        return d.tlsListen() == null ? 443 : HostPort.parse(d.tlsListen(), 443, HostPort.Use.LISTEN).port();
    }

    /** An origin's end of the corridor: the plain endpoint, the TLS one, or both (match-viewer). */
    public static Service origin(dev.forecourt.http.Endpoint http, dev.forecourt.http.Endpoint https) {
        return new OriginService(http, https);
    }

    private static void functions(BehaviorConfig b, Event request, Event response, List<Stage> stages) {
        if (b.functions().containsKey(request) || b.functions().containsKey(response)) {
            stages.add(new FunctionStage(b.functions().get(request), b.functions().get(response)));
        }
    }
}
