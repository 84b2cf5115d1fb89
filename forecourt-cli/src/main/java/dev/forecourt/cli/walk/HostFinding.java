package dev.forecourt.cli.walk;

import dev.forecourt.edge.role.ingress.ServiceConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Host the listener reached routes to nothing: the viewer's (a policy that forwards or keys Host, a link that
 * passes it), a function's, a mapping's, a uri's or the origin's domain, to an ingress listener, an API with
 * domains or a distribution with aliases. A private service's domain on the public listener is named as such; a
 * wildcard that does not cover the name sent is explained. One finding per connection, naming every such Host.
 */
final class HostFinding implements Finding {
    @Override
    public List<String> judge(Edge e, Reached r, Topology t) {
        HostRoutes routes = r.landing().hostRoutes();
        List<String> hosts = e.sent(e.arrived()).hosts();
        if (routes == null || hosts == null) return List.of();
        List<String> missed = hosts.stream().filter(h -> routes.owner(h) == null).toList();
        if (missed.isEmpty()) return List.of();
        String names = missed.stream().map(h -> "'" + h + "'").collect(Collectors.joining(", "));
        String fix = e.fixHost(r.landing(), names);
        String hidden = "";
        for (String host : missed) {
            if (r.landing() instanceof IngressLanding i && i.privateService(host) instanceof ServiceConfig s) {
                hidden = " '" + host + "' is a domain of service '" + s.name() + "', which is private (public: false):"
                        + " the public listener does not route to it.";
                fix = "reach it through a link to ingress.privateListen, or public: true on service '" + s.name() + "'";
                break;
            }
        }
        String sent = missed.stream().map(h -> h.startsWith("*.") ? "any name under " + h.substring(2) : "'" + h + "'")
                .collect(Collectors.joining(" or "));
        return List.of(e.hostAt() + ": sends Host " + sent + " (" + e.hostWhy() + ") to " + r.route() + ", which"
                + " serves no such name (" + (routes.domains().isEmpty() ? "none" : String.join(", ", routes.domains()))
                + ")" + missed.stream().map(routes::wildcardNote).collect(Collectors.joining()) + ": every request"
                + " there gets " + r.landing().noRoute() + "." + hidden + " Fix: " + fix);
    }
}
