package dev.forecourt.cli.walk;

import dev.forecourt.edge.role.ingress.ServiceConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A Host the listener reached routes to nothing: the viewer's (a policy that forwards or keys Host, a link that
 * passes it), a function's, a mapping's, a uri's or the origin's domain, to an ingress listener, an API with
 * domains or a distribution with aliases. A private service's domain on the public listener is named as such; a
 * wildcard that does not cover the name sent is explained.
 */
final class HostFinding implements Finding {
    @Override
    public List<String> judge(Edge e, Reached r, Topology t) {
        HostRoutes routes = r.landing().hostRoutes();
        List<String> hosts = e.sent(e.arrived()).hosts();
        if (routes == null || hosts == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String host : hosts) {
            if (routes.owner(host) != null) continue;
            String fix = e.fixHost(r.landing(), host);
            String hidden = "";
            if (r.landing() instanceof IngressLanding i && i.privateService(host) instanceof ServiceConfig s) {
                hidden = " '" + host + "' is a domain of service '" + s.name() + "', which is private (public: false):"
                        + " the public listener does not route to it.";
                fix = "reach it through a link to ingress.privateListen, or public: true on service '" + s.name() + "'";
            }
            String sent = host.startsWith("*.") ? "any Host under " + host.substring(2) : "Host '" + host + "'";
            out.add(e.hostAt() + ": sends " + sent + " (" + e.hostWhy() + ") to " + r.route() + ", which serves no"
                    + " such name (" + (routes.domains().isEmpty() ? "none" : String.join(", ", routes.domains())) + ")"
                    + routes.wildcardNote(host) + ": every request there gets " + r.landing().noRoute() + "." + hidden
                    + " Fix: " + fix);
        }
        return out;
    }
}
