package dev.forecourt.cli.walk;

import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.api.ApiConfig;
import dev.forecourt.edge.role.api.RouteConfig;
import java.util.List;

/**
 * An API's listener: Host-routed when it has domains; a named stage's prefix first in every path; then the routes
 * a path may take ({@link RouteChoice}), each on to its integration. A path no route takes is its 404.
 */
record ApiLanding(Listening listening, ApiConfig api) implements Landing {
    private static final String NOT_FOUND = "404 {\"message\":\"Not Found\"}";

    @Override
    public TlsConfig tls() {
        return null;
    }

    @Override
    public HostRoutes hostRoutes() {
        return api.domains().isEmpty() ? null : HostRoutes.of(api.name(), api.domains());
    }

    @Override
    public String noRoute() {
        return NOT_FOUND + " (no_route) from api/" + api.name();
    }

    @Override
    public String namesKey() {
        return "apis." + api.name() + ".domains";
    }

    @Override
    public Refusal refuses(Request r, Topology t, int depth) {
        if (!r.path().known() || t.missesEveryHost(this, r)) return null;
        PathStart routed = r.path();
        String stage = api.stagePrefix();
        if (stage != null) {
            String p = routed.text();
            if (p.startsWith(stage + "/") || (routed.exact() && p.equals(stage))) {
                routed = new PathStart(p.length() == stage.length() ? "/" : p.substring(stage.length()), routed.exact());
            } else if (!routed.exact() && (stage + "/").startsWith(p)) {
                return null; // shorter than the stage: not known
            } else {
                return new Refusal("serves only paths under its stage '" + stage + "' (" + NOT_FOUND + ")");
            }
        }
        List<RouteConfig> routes = RouteChoice.of(api.routes(), routed);
        if (routes.isEmpty()) {
            return new Refusal("has no route for them (it has " + String.join(", ", api.routes().stream()
                    .map(rc -> "'" + rc.key() + "'").toList()) + "; " + NOT_FOUND + ")");
        }
        return t.onward(routes.stream().map(rc -> IntegrationEdge.routeAt(api, rc)).toList(), r, depth);
    }
}
