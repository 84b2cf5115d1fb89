package dev.forecourt.cli.walk;

import dev.forecourt.edge.app.Apps;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.edge.route.PathPattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the ingress's listeners: Host-routed over the services it serves (public ones on {@code listen}, every one
 * on {@code privateListen}); a service's paths are known when each of its instances is an embedded app that names
 * them ({@link Apps.AppKind#paths}).
 */
record IngressLanding(Listening listening, IngressConfig ingress, Map<String, ServiceConfig> services, boolean isPublic)
        implements Landing {

    /** The ingress's TLS where this listener speaks it (tls.listeners may name one of the two), else null. */
    @Override
    public TlsConfig tls() {
        return ingress.speaksTls(isPublic ? "listen" : "privateListen") ? ingress.tls() : null;
    }

    @Override
    public HostRoutes hostRoutes() {
        Map<String, List<String>> byService = new LinkedHashMap<>();
        services.values().stream().filter(s -> s.isPublic() || !isPublic).forEach(s -> byService.put(s.name(), s.domains()));
        return new HostRoutes(byService);
    }

    @Override
    public String noRoute() {
        return "404 no_route from ingress/" + (isPublic ? "public" : "private");
    }

    @Override
    public String namesKey() {
        return "a service's domains";
    }

    /** The private service ({@code public: false}) whose domain this Host is, when this is the public listener. */
    ServiceConfig privateService(String host) {
        if (!isPublic) return null;
        Map<String, List<String>> hidden = new LinkedHashMap<>();
        services.values().stream().filter(s -> !s.isPublic()).forEach(s -> hidden.put(s.name(), s.domains()));
        String owner = new HostRoutes(hidden).owner(host);
        return owner == null ? null : services.get(owner);
    }

    @Override
    public Refusal refuses(Request r, Topology t, int depth) {
        if (r.hosts() == null || !r.path().known()) return null;
        HostRoutes routes = hostRoutes();
        Refusal refusal = null;
        for (String host : r.hosts()) {
            String owner = routes.owner(host);
            String why = owner == null ? null : appRefuses(services.get(owner), r.path());
            if (why == null) return null; // served, not known, or a Host no service has: that finding is the Host's
            refusal = refusal != null ? refusal : new Refusal("routes them to " + why);
        }
        return refusal;
    }

    /** Why the service's app answers none of these paths, or null (it may, or its instances are addresses). */
    private static String appRefuses(ServiceConfig s, PathStart path) {
        String refused = null;
        for (InstanceConfig i : s.instances()) {
            if (!(i instanceof InstanceConfig.App app)) return null; // an address: what it serves is its own
            Apps.AppKind kind = Apps.kind(app.kind());
            List<String> paths = kind == null ? null : kind.paths(); // null: it answers every path
            if (paths == null || paths.stream().anyMatch(p -> path.mayMatch(new PathPattern(p)))) return null;
            refused = "service '" + s.name() + "', the embedded " + app.kind() + " app, which serves only "
                    + String.join(", ", paths) + " (404 from the app)";
        }
        return refused;
    }
}
