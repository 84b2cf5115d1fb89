package dev.forecourt.edge.role.api;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Listeners;
import dev.forecourt.edge.role.link.LinkConfig;
import dev.forecourt.edge.role.link.LinkRole;
import dev.forecourt.http.HostPort;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code check} says of an API's routes against the rest of the file: a link that is none of the file's (an
 * error), and the seed's two failures before traffic shows them (warnings): TLS through a link to a listener that
 * speaks it, without the name to send (the gateway's 503), or in cleartext (a 500); and a greedy route through a
 * link to the ingress that sends the route's prefix on (the app's 404).
 */
final class ApiChecks {
    private ApiChecks() {}

    static void check(ApiSection apis, Config whole, Yaml.MapNode root, Problems p) {
        Map<String, LinkConfig> links = LinkRole.ROLE.of(whole).links();
        List<Listening> listeners = Listeners.of(whole);
        for (ApiConfig api : apis.apis().values()) {
            for (int i = 0; i < api.routes().size(); i++) {
                RouteConfig r = api.routes().get(i);
                IntegrationConfig ic = r.integration();
                String at = "apis." + api.name() + ".routes[" + i + "].integration";
                int line = YamlPath.of(root, "apis", api.name(), "routes", i, "integration");
                if (ic.link() == null) {
                    continue;
                }
                LinkConfig link = links.get(ic.link());
                if (link == null) {
                    p.add(YamlPath.of(root, "apis", api.name(), "routes", i, "integration", "link"), at + ".link", "'"
                            + ic.link() + "' is none of this file's links (" + (links.isEmpty() ? "none" : String.join(", ",
                            links.keySet())) + ")");
                    continue;
                }
                Listening target = target(link, listeners, whole);
                if (target == null) {
                    continue;
                }
                if (target.tls() && !ic.tls()) {
                    p.warn(line, at, "the link '" + link.name() + "' leads to " + target.key() + ", which speaks TLS, and"
                            + " this integration speaks HTTP to it: the listener refuses the request, the API answers"
                            + " 500. Fix: tls: {serverNameToVerify: NAME} (a name on that listener's certificate)");
                } else if (target.tls() && ic.serverNameToVerify() == null) {
                    p.warn(line, at, "the link '" + link.name() + "' leads to " + target.key() + " over TLS, and this"
                            + " integration sends no server name (SNI): that listener cannot pick its certificate, the"
                            + " handshake fails and the API answers 503 Service Unavailable. Fix: tls: {serverNameToVerify:"
                            + " NAME}, a domain of the service behind it");
                }
                if (r.key().isGreedy() && !ic.overwritesPath() && target.key().startsWith("ingress.")
                        && (r.key().segments().size() > 1 || api.stagePrefix() != null)) {
                    p.warn(line, at, "the route '" + r.key() + "' sends the path on as it arrived, '"
                            + prefix(r.key()) + "' and " + (api.stagePrefix() == null ? "" : "the stage '"
                            + api.stagePrefix() + "' and ") + "all, through the link to " + target.key() + ": an app"
                            + " serving '/" + r.key().variables().getLast() + "' paths answers 404. Fix:"
                            + " parameterMapping: {\"overwrite:path\": \"/$request.path." + r.key().variables().getLast()
                            + "\"}");
                }
            }
        }
    }

    /** The listener of this file a link's first target is, or null. */
    private static Listening target(LinkConfig link, List<Listening> listeners, Config whole) {
        if (link.targets().isEmpty()) {
            return null;
        }
        String t = normal(link.targets().getFirst(), whole);
        for (Listening l : listeners) {
            if (normal(l.address(), whole).equals(t)) {
                return l;
            }
        }
        return null;
    }

    private static String prefix(RouteKey key) {
        StringBuilder b = new StringBuilder();
        for (RouteKey.Segment s : key.segments().subList(0, key.segments().size() - 1)) {
            b.append('/').append(s instanceof RouteKey.Literal l ? l.text() : "{" + ((RouteKey.Variable) s).name() + "}");
        }
        return b.toString();
    }

    /** {@code host:port} as connections find it ({@code resolve:} applied). */
    private static String normal(String hostPort, Config whole) {
        HostPort a = HostPort.parse(hostPort, 80, HostPort.Use.LISTEN);
        String mapped = whole.resolve().get(a.host().toLowerCase(Locale.ROOT));
        HostPort m = mapped == null ? a : HostPort.parse(mapped, a.port(), HostPort.Use.LISTEN);
        return new HostPort(m.host().toLowerCase(Locale.ROOT), m.port()).toString();
    }
}
