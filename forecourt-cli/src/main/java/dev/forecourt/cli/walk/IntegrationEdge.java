package dev.forecourt.cli.walk;

import dev.forecourt.edge.role.api.ApiConfig;
import dev.forecourt.edge.role.api.IntegrationConfig;
import dev.forecourt.edge.role.api.IntegrationUri;
import dev.forecourt.edge.role.api.MappingRule;
import dev.forecourt.edge.role.api.MappingValue;
import dev.forecourt.edge.role.api.RouteConfig;
import dev.forecourt.edge.role.api.RouteKey;
import dev.forecourt.edge.role.link.LinkConfig;
import dev.forecourt.edge.role.link.LinkRole;
import dev.forecourt.http.HostPort;
import java.util.List;

/**
 * An API route's connection to its integration, as its corridor makes it: to a {@code uri}, its path (variables
 * filled; on {@code $default} the whole path after it) and its host as Host; through a link, the path and the Host
 * as they arrived, stage and all. Then {@code overwrite:path} and {@code overwrite:header.Host} win. TLS on an
 * {@code https} uri or a link's {@code tls}, with {@code serverNameToVerify} as SNI (a uri's host without it; none
 * through a link).
 */
final class IntegrationEdge implements Edge {
    private static final List<String> VERSIONS = List.of("TLSv1.3", "TLSv1.2"); // what the API's client offers

    private final ApiConfig api;
    private final RouteConfig route;
    private final IntegrationConfig ic;
    private final IntegrationUri uri; // null: a link
    private final LinkConfig link;
    private final HostPort target;
    private final Request arrived;

    private IntegrationEdge(ApiConfig api, RouteConfig route, IntegrationUri uri, LinkConfig link, Topology t) {
        this.api = api;
        this.route = route;
        this.ic = route.integration();
        this.uri = uri;
        this.link = link;
        this.target = uri != null ? new HostPort(uri.host(), uri.port()) : HostPort.parse(link.listen(), 80,
                HostPort.Use.LISTEN);
        PathStart path = start(route.key());
        this.arrived = new Request(t.namesOf("apis." + api.name() + ".", api.domains()),
                api.stagePrefix() == null ? path : path.behind(api.stagePrefix()));
    }

    /** The route's connection: none when its link is not one of the file's (an error of its own). */
    static List<Edge> of(ApiConfig api, RouteConfig r, Topology t) {
        IntegrationConfig ic = r.integration();
        LinkConfig link = ic.link() == null ? null : LinkRole.ROLE.of(t.config()).links().get(ic.link());
        try {
            IntegrationUri uri = ic.uri() == null ? null : IntegrationUri.parse(ic.uri());
            if (uri == null && (link == null || link.listen() == null)) return List.of();
            return List.of(new IntegrationEdge(api, r, uri, link, t));
        } catch (IllegalArgumentException e) {
            return List.of(); // the reader refuses such a uri
        }
    }

    /** The key a route's integration is named by: {@code apis.A.routes[i].integration}. */
    static String routeAt(ApiConfig api, RouteConfig r) {
        int i = 0;
        while (api.routes().get(i) != r) i++;
        return "apis." + api.name() + ".routes[" + i + "].integration";
    }

    /** The paths a route takes: its literal segments up to its first variable. */
    private static PathStart start(RouteKey key) {
        if (key.isDefault()) return PathStart.UNKNOWN;
        StringBuilder b = new StringBuilder();
        for (RouteKey.Segment s : key.segments()) {
            if (!(s instanceof RouteKey.Literal l)) return new PathStart(b + "/", false);
            b.append('/').append(l.text());
        }
        return new PathStart(b.isEmpty() ? "/" : b.toString(), true);
    }

    /** The last request mapping of this target (and header name), or null. */
    private MappingRule mapping(MappingRule.Target target, String header) {
        MappingRule last = null;
        for (MappingRule r : ic.request()) {
            if (r.target() == target && (header == null || r.name().equalsIgnoreCase(header))) last = r;
        }
        return last;
    }

    @Override
    public String at() {
        return routeAt(api, route);
    }

    @Override
    public String connectionAt() {
        return at();
    }

    @Override
    public String hostAt() {
        return mapping(MappingRule.Target.HEADER, "host") != null ? at() + ".parameterMapping"
                : uri != null ? at() + ".uri" : at();
    }

    @Override
    public String hostWhy() {
        if (mapping(MappingRule.Target.HEADER, "host") != null) return "overwrite:header.Host sets it";
        if (uri != null) return "the uri's host";
        return "the Host its clients sent, which a private integration passes on" + (api.domains().isEmpty()
                ? "; the API has no domains, so that is what clients address it by" : "");
    }

    @Override
    public Connection connection() {
        String sni = ic.serverNameToVerify() != null ? ic.serverNameToVerify() : uri != null ? uri.host() : null;
        return new Connection(target, ic.tls(), sni, VERSIONS);
    }

    @Override
    public Request arrived() {
        return arrived;
    }

    @Override
    public List<String> hostsSent(Request in) {
        MappingRule rule = mapping(MappingRule.Target.HEADER, "host");
        if (rule == null) return uri != null ? List.of(uri.hostHeader()) : in.hosts();
        if (rule.action() != MappingRule.Action.OVERWRITE) return null;
        MappingValue v = rule.value();
        if (v.refs().isEmpty()) return List.of(v.toString());
        String text = v.toString().toLowerCase(java.util.Locale.ROOT);
        return text.equals("$request.header.host") || text.equals("${request.header.host}") ? in.hosts() : null;
    }

    @Override
    public PathStart pathSent(Request in) {
        MappingRule rule = mapping(MappingRule.Target.PATH, null);
        if (rule != null) {
            String v = rule.value().toString();
            return rule.value().refs().isEmpty() ? new PathStart(v.startsWith("/") ? v : "/" + v, true)
                    : PathStart.ofTemplate(v, '$');
        }
        if (uri == null) return in.path(); // through a link: as it arrived, stage and all
        if (!route.key().isDefault()) return PathStart.ofTemplate(uri.pathTemplate(), '{');
        String stage = api.stagePrefix();
        PathStart rest = stage != null && in.path().text().startsWith(stage + "/")
                ? new PathStart(in.path().text().substring(stage.length()), in.path().exact()) : in.path();
        String base = uri.pathTemplate().endsWith("/") ? uri.pathTemplate().substring(0, uri.pathTemplate().length() - 1)
                : uri.pathTemplate();
        return rest.behind(base);
    }

    @Override
    public String speaks() {
        return "this integration speaks " + (ic.tls() ? "TLS" : "plain HTTP")
                + (uri != null ? " (uri " + ic.uri() + ")" : " through link '" + link.name() + "'");
    }

    @Override
    public String tlsFailure() {
        return "503 Service Unavailable (upstream_tls_failure)";
    }

    @Override
    public String resetFailure() {
        return "500 Internal Server Error (upstream_reset)";
    }

    @Override
    public String fixProtocol(boolean toTls, int port) {
        if (uri != null) return toTls ? "https:// in the uri" : "http:// in the uri";
        return toTls ? "tls: {serverNameToVerify: NAME} (a name on that listener's certificate)"
                : "no tls: that listener speaks plain HTTP";
    }

    @Override
    public String fixVersions(List<String> accepted) {
        return "a listener that accepts " + String.join(" or ", VERSIONS);
    }

    @Override
    public String fixHost(Landing to, String hosts) {
        HostRoutes routes = to.hostRoutes();
        String sni = ic.serverNameToVerify();
        String name = sni != null && routes.owner(sni) != null ? sni : routes.anExactDomain();
        String mapping = "parameterMapping: {\"overwrite:header.Host\": \"" + (name == null ? "NAME" : name) + "\"}";
        String served = " (it serves " + String.join(", ", routes.domains()) + ")";
        if (mapping(MappingRule.Target.HEADER, "host") != null) return "an overwrite:header.Host value it serves" + served;
        return (uri != null ? "a uri host it serves, or " : "") + mapping + served;
    }

    @Override
    public String fixServerName(List<String> names) {
        return "tls: {serverNameToVerify: NAME}, a name that listener's certificates cover (" + String.join(", ", names)
                + ")";
    }

    @Override
    public String fixPath(PathStart sent) {
        String greedy = route.key().isGreedy() ? route.key().variables().getLast() : null;
        if (mapping(MappingRule.Target.PATH, null) != null) return "an overwrite:path the next hop serves";
        if (uri != null) {
            return "a uri path the next hop serves" + (greedy == null ? ""
                    : " (" + ic.uri().substring(0, ic.uri().indexOf(uri.authority()) + uri.authority().length())
                    + "/{" + greedy + "} sends the path after the route's prefix)");
        }
        return greedy != null ? "parameterMapping: {\"overwrite:path\": \"/$request.path." + greedy + "\"}"
                : "parameterMapping: {\"overwrite:path\": PATH}, a path the next hop serves";
    }
}
