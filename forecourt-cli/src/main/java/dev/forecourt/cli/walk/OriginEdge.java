package dev.forecourt.cli.walk;

import dev.forecourt.edge.function.EdgeFunction;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.route.PathPattern;
import dev.forecourt.http.HostPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A distribution behavior's connection to its origin, as its corridor makes it: Host is the one a request function
 * sets, else the viewer's where the cache or origin request policy takes Host, else the origin's domain; the path
 * goes on whole behind the origin's {@code originPath} (unless a function rewrites it); TLS by
 * {@code protocolPolicy} ({@code match-viewer}: as the viewer came, so one edge per protocol viewers reach the
 * behavior by), with the origin's domain as SNI, verified, and its {@code sslProtocols}.
 */
final class OriginEdge implements Edge {
    private static final List<EdgeFunction.Event> REQUEST_EVENTS = List.of(EdgeFunction.Event.ORIGIN_REQUEST,
            EdgeFunction.Event.VIEWER_REQUEST); // the origin-request function runs last: its Host wins

    private final DistributionConfig d;
    private final BehaviorConfig b;
    private final OriginConfig o;
    private final boolean tls;
    private final Request arrived;

    private OriginEdge(DistributionConfig d, BehaviorConfig b, OriginConfig o, boolean tls, Topology t) {
        this.d = d;
        this.b = b;
        this.o = o;
        this.tls = tls;
        this.arrived = new Request(t.namesOf("distributions." + d.name() + ".", d.aliases()),
                b.pathPattern() == null ? PathStart.UNKNOWN : PathStart.of(new PathPattern(b.pathPattern())));
    }

    /** The behavior's connections to its origin: none when it answers every request itself. */
    static List<Edge> of(DistributionConfig d, BehaviorConfig b, Topology t) {
        OriginConfig o = d.origins().get(b.origin());
        if (o == null || answersItself(b)) return List.of();
        List<Edge> out = new ArrayList<>();
        for (boolean tls : protocols(d, b, o)) out.add(new OriginEdge(d, b, o, tls, t));
        return out;
    }

    /** The key a behavior is named by: {@code distributions.D.behaviors[/pattern]} or {@code ...defaultBehavior}. */
    static String behaviorAt(DistributionConfig d, BehaviorConfig b) {
        return "distributions." + d.name() + "." + (b.pathPattern() == null ? "defaultBehavior"
                : "behaviors[" + b.pathPattern() + "]");
    }

    /** TLS or not to the origin: by its protocol policy; match-viewer, as viewers reach this behavior. */
    private static Set<Boolean> protocols(DistributionConfig d, BehaviorConfig b, OriginConfig o) {
        return switch (o.protocolPolicy()) {
            case "https-only" -> Set.of(true);
            case "match-viewer" -> {
                Set<Boolean> viewers = new LinkedHashSet<>();
                boolean listenTls = d.tls() != null && d.tlsListen() == null;
                if (d.listen() != null && (listenTls || b.viewerProtocolPolicy().equals("allow-all"))) {
                    viewers.add(listenTls);
                }
                if (d.tlsListen() != null) viewers.add(true);
                yield viewers;
            }
            default -> Set.of(false);
        };
    }

    /** A request function that redirects or answers on every path of the behavior: nothing reaches the origin. */
    private static boolean answersItself(BehaviorConfig b) {
        for (EdgeFunction.Event e : REQUEST_EVENTS) {
            EdgeFunction f = b.functions().get(e);
            if (f != null && f.match() == null && (f.redirect() != null || f.respond() != null)) return true;
        }
        return false;
    }

    /** The request function that sets Host, or null. */
    private EdgeFunction hostFunction() {
        for (EdgeFunction.Event e : REQUEST_EVENTS) {
            EdgeFunction f = b.functions().get(e);
            if (f != null && f.setsHost()) return f;
        }
        return null;
    }

    private boolean forwardsHost() {
        return b.cachePolicy().headers().takes("host") || b.originRequestPolicy().forwardsHost();
    }

    @Override
    public String at() {
        return behaviorAt(d, b);
    }

    @Override
    public String connectionAt() {
        return "distributions." + d.name() + ".origins." + o.name();
    }

    @Override
    public String hostAt() {
        return hostFunction() == null && !forwardsHost() ? connectionAt() : at();
    }

    @Override
    public String hostWhy() {
        EdgeFunction f = hostFunction();
        if (f != null) return "function '" + f.name() + "' sets it";
        if (!forwardsHost()) return "the origin's domain";
        return b.originRequestPolicy().forwardsHost()
                ? "the viewer's, as originRequestPolicy '" + b.originRequestPolicy().name() + "' forwards it"
                : "the viewer's, as cachePolicy '" + b.cachePolicy().name() + "' keys it, and the key reaches the origin";
    }

    @Override
    public Connection connection() {
        return new Connection(new HostPort(o.domain(), tls ? o.httpsPort() : o.httpPort()), tls, o.domain(),
                o.sslProtocols());
    }

    @Override
    public Request arrived() {
        return arrived;
    }

    @Override
    public List<String> hostsSent(Request in) {
        EdgeFunction f = hostFunction();
        if (f == null) return forwardsHost() ? in.hosts() : List.of(o.domain());
        if (f.match() != null && (b.pathPattern() == null || !f.match().covers(new PathPattern(b.pathPattern())))) {
            return null; // on some paths only: either Host may go
        }
        String value = f.setHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("host"))
                .map(java.util.Map.Entry::getValue).findFirst().orElseThrow();
        if (value.equals("$host") || value.equals("${host}")) return in.hosts();
        return value.indexOf('$') < 0 ? List.of(value) : null;
    }

    @Override
    public PathStart pathSent(Request in) {
        for (EdgeFunction.Event e : REQUEST_EVENTS) {
            EdgeFunction f = b.functions().get(e);
            if (f != null && f.uri() != null) return PathStart.UNKNOWN; // rewritten: not known here
        }
        return in.path().behind(o.originPath());
    }

    @Override
    public String speaks() {
        String how = !o.protocolPolicy().equals("match-viewer") ? ""
                : tls ? " (TLS for viewers over TLS)" : " (plain HTTP for viewers over plain HTTP)";
        return "origin '" + o.name() + "' is " + o.protocolPolicy() + how;
    }

    @Override
    public String tlsFailure() {
        return "502 upstream_tls_failure";
    }

    @Override
    public String resetFailure() {
        return "502 upstream_reset";
    }

    @Override
    public String fixProtocol(boolean toTls, int port) {
        return toTls ? "protocolPolicy: https-only with httpsPort " + port
                : "protocolPolicy: http-only with httpPort " + port + ", or give that listener tls:";
    }

    @Override
    public String fixVersions(List<String> accepted) {
        return "sslProtocols: [" + String.join(", ", accepted) + "] (or leave it out: TLSv1.2 and TLSv1.3 are the default)";
    }

    @Override
    public String fixHost(Landing to, String hosts) {
        HostRoutes routes = to.hostRoutes();
        EdgeFunction f = hostFunction();
        if (f != null) {
            return "set Host to a name it serves (" + String.join(", ", routes.domains()) + ") in function '" + f.name()
                    + "', or drop Host from it";
        }
        if (!forwardsHost()) {
            return "add " + hosts + " to " + to.namesKey() + ", or an origin domain it serves";
        }
        String stop = b.originRequestPolicy().forwardsHost()
                ? "originRequestPolicy: AllViewerExceptHostHeader (the origin's domain, '" + o.domain() + "', as Host)"
                : "a cachePolicy that does not key Host (the origin's domain, '" + o.domain() + "', as Host)";
        return routes.owner(o.domain()) != null ? stop + ", or add " + hosts + " to " + to.namesKey()
                : "add " + hosts + " to " + to.namesKey();
    }

    @Override
    public String fixServerName(List<String> names) {
        return "an origin domain its certificates cover (" + String.join(", ", names) + "), or a certificate for '"
                + o.domain() + "' on that listener";
    }

    @Override
    public String fixPath(PathStart sent) {
        return o.originPath().isEmpty() || b.pathPattern() != null
                ? "route these paths to an origin that serves them (a distribution sends the viewer's path on whole"
                + (o.originPath().isEmpty() ? "" : ", behind originPath '" + o.originPath() + "'") + ")"
                : "an originPath the next hop serves, or none";
    }
}
