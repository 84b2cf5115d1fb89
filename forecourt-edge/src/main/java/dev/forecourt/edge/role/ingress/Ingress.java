package dev.forecourt.edge.role.ingress;

import dev.forecourt.edge.Corridor;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.route.Router;
import dev.forecourt.edge.stage.Errors;
import dev.forecourt.edge.stage.ForwardedHeaders;
import dev.forecourt.edge.stage.ForwardedTrust;
import dev.forecourt.edge.stage.HopByHopHeaders;
import dev.forecourt.edge.stage.HopStamp;
import dev.forecourt.edge.stage.TraceContext;
import dev.forecourt.http.ErrorType;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;

/**
 * The service ingress (App Runner's Envoy): one corridor per listener, then one per service. This is the whole
 * request path of the role; every room has one job.
 */
public final class Ingress {
    private Ingress() {}

    /** Like Envoy, the platform answers upstream connection trouble with 503. */
    static final Map<ErrorType, HttpResponseStatus> STATUS = Map.of(
            ErrorType.UPSTREAM_CONNECT_FAILURE, HttpResponseStatus.SERVICE_UNAVAILABLE,
            ErrorType.UPSTREAM_RESET, HttpResponseStatus.SERVICE_UNAVAILABLE,
            ErrorType.UPSTREAM_TLS_FAILURE, HttpResponseStatus.SERVICE_UNAVAILABLE);

    /** A listener's corridor: what every request meets before its virtual host. */
    public static Corridor listener(String server, List<Cidr> trustForwardedFrom, Router router) {
        return Corridor.of(List.of(
                new HopStamp(server),     // Via, Server-Timing, Server: the response tells its own story
                new Errors(STATUS),       // failures behind this point become the taxonomy's answers
                new ForwardedTrust(trustForwardedFrom), // X-Forwarded-* etc. kept from trusted peers only
                new TraceContext()),      // traceparent continued or started, x-request-id
                router);                  // virtual host by Host, then the service's corridor
    }

    /** A service's corridor: what its requests meet on the way to an instance. */
    public static Corridor service(Service upstream) {
        return Corridor.of(List.of(
                new HopByHopHeaders(),    // connection-scoped headers stay on their connection
                new ForwardedHeaders()),  // X-Forwarded-*, Forwarded: who asked, and how
                upstream);                // a healthy instance over a pooled keep-alive connection
    }
}
