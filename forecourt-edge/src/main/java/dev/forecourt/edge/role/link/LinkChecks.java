package dev.forecourt.edge.role.link;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Listeners;
import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.edge.route.Router;
import dev.forecourt.http.HostPort;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code check} says of a link's targets against the listeners of the same file. A target that is none of them
 * is a warning (it may be a server elsewhere). One that is: the PROXY header must be sent exactly when that listener
 * takes one, or every connection fails there (closed for a missing header, or a 400 for an unexpected one).
 */
final class LinkChecks {
    private LinkChecks() {}

    static void check(LinkSection links, Config whole, Yaml.MapNode root, Problems p) {
        Map<String, Listening> listeners = listeners(whole);
        for (LinkConfig link : links.links().values()) {
            String at = "links." + link.name() + ".targets";
            int line = YamlPath.of(root, "links", link.name(), "targets");
            for (String target : link.targets()) {
                Listening l = listeners.get(normal(target, whole));
                if (l == null) {
                    p.warn(line, at, "'" + target + "' is no listener of this file (" + String.join(", ",
                            listeners.values().stream().map(Listening::key).toList()) + "): connections go wherever it"
                            + " leads. Fix, if it is meant to be the platform's private endpoint: the address of"
                            + " ingress.privateListen");
                } else if (l.key().equals("links." + link.name() + ".listen")) {
                    p.add(line, at, "'" + target + "' is this link's own listener: each connection would loop back"
                            + " into it until the connection limit");
                } else if (l.takesProxy() && !link.proxyProtocol()) {
                    p.add(line, at, "'" + target + "' is " + l.key() + ", which takes a PROXY protocol v2 header first"
                            + " (ingress.proxyProtocol), and this link sends none: every connection would be closed"
                            + " there. Fix: proxyProtocol: v2 on the link, or take that listener out of ingress.proxyProtocol");
                } else if (!l.takesProxy() && link.proxyProtocol()) {
                    boolean ingress = l.key().startsWith("ingress.");
                    p.add(line, at, "'" + target + "' is " + l.key() + ", which takes no PROXY header, and this link"
                            + " sends one: the listener would read it as the start of a request and refuse it. Fix: "
                            + (ingress ? "ingress.proxyProtocol: [" + l.key().substring(l.key().indexOf('.') + 1)
                            + "], or drop proxyProtocol from the link" : "drop proxyProtocol from the link (only the"
                            + " ingress's listeners take one)"));
                } else if (!l.key().startsWith("links.") || l.tls()) { // a link passing TLS through speaks its target's
                    targetProtocol(link, target, l, root, p);
                    healthCheck(link, target, listeners, whole, root, p);
                }
            }
        }
    }

    /**
     * A link that ends TLS speaks to its targets as targetProtocol says: the listener there must speak the same. Said
     * here for every such link, whether or not a route of the file goes through it.
     */
    private static void targetProtocol(LinkConfig link, String target, Listening l, Yaml.MapNode root, Problems p) {
        if (link.tls() == null || link.tls().targetTls() == l.tls()) {
            return;
        }
        boolean tls = link.tls().targetTls();
        p.warn(YamlPath.of(root, "links", link.name(), "tls", "targetProtocol"), "links." + link.name()
                + ".tls.targetProtocol", (tls ? "tls" : "tcp") + ", but the target '" + target + "' is " + l.key()
                + (tls ? ", which speaks plain HTTP: the link's handshake with it fails and each connection is reset"
                : ", which speaks TLS: it answers every request 400 bad_request (plain HTTP on a TLS port)")
                + ". Fix: targetProtocol: " + (tls ? "tcp" : "tls"));
    }

    /**
     * HTTP(S) checks against a listener of this file: the scheme must be the listener's, and an ingress routes by
     * Host, which for a check is the target's address (as an NLB's): a 404 the default matcher counts unhealthy.
     * Warnings: the link fails open, so traffic still flows, but no target is ever taken out.
     */
    private static void healthCheck(LinkConfig link, String target, Map<String, Listening> listeners, Config whole,
                                    Yaml.MapNode root, Problems p) {
        HealthCheckConfig hc = link.healthCheck();
        if (hc.protocol().equals("tcp")) {
            return;
        }
        HostPort t = HostPort.parse(target, null, HostPort.Use.LISTEN);
        Listening l = listeners.get(normal(hc.port() == null ? target : new HostPort(t.host(), hc.port()).toString(), whole));
        if (l == null) {
            return;
        }
        String at = "links." + link.name() + ".healthCheck";
        int line = YamlPath.of(root, "links", link.name(), "healthCheck");
        boolean https = hc.protocol().equals("https");
        if (l.takesProxy() != link.proxyProtocol()) { // a check port of its own: the link's header goes there too
            p.warn(line, at, "the checks go to " + l.key() + ", which " + (l.takesProxy() ? "takes" : "takes no")
                    + " PROXY header, and this link's checks send " + (link.proxyProtocol() ? "one" : "none")
                    + " (as its connections do): every check fails, and no target is ever taken out. Fix: a check"
                    + " port whose listener agrees with the link's proxyProtocol");
        } else if (https != l.tls()) {
            p.warn(line, at, "the checks speak " + hc.protocol() + " to " + l.key() + ", which speaks "
                    + (l.tls() ? "TLS" : "cleartext") + ": every check fails, and no target is ever taken out. Fix:"
                    + " protocol: " + (l.tls() ? "https" : "http"));
        } else if (l.key().startsWith("ingress.") && !hc.matcher().matches(404) && !served(target, l.key(), whole)) {
            p.warn(line, at, "the checks' Host is the target's address ('" + target + "'), as an NLB's are, and "
                    + l.key() + " routes by Host: it answers 404 no_route, which matcher " + hc.matcher().text()
                    + " counts unhealthy, so no target is ever taken out. Fix: matcher: 200-499, or protocol: tcp");
        }
    }

    /**
     * Whether the ingress listener {@code listener} routes a check whose Host is the target ({@code host:port}, as
     * the checks send it), as its Router would: the public listener serves public services only.
     */
    private static boolean served(String target, String listener, Config whole) {
        List<Router.VirtualHost> hosts = new ArrayList<>();
        for (ServiceConfig s : IngressRole.ROLE.of(whole).services().values()) {
            if (s.isPublic() || !listener.equals("ingress.listen")) {
                hosts.add(new Router.VirtualHost(s.name(), s.domains().stream().map(HostPattern::new).toList(), null));
            }
        }
        String host = HostPort.withoutPort(target).toLowerCase(Locale.ROOT);
        return new Router(hosts, listener).match(target, host) != null;
    }

    /** The file's listeners by the address connections find them at. */
    private static Map<String, Listening> listeners(Config whole) {
        Map<String, Listening> out = new LinkedHashMap<>();
        for (Listening l : Listeners.of(whole)) {
            out.putIfAbsent(normal(l.address(), whole), l);
        }
        return out;
    }

    /** {@code host:port} as connections find it: a name {@code resolve:} maps is its address (and port, if it gives one). */
    private static String normal(String hostPort, Config whole) {
        HostPort a = HostPort.parse(hostPort, null, HostPort.Use.LISTEN);
        String mapped = whole.resolve().get(a.host().toLowerCase(Locale.ROOT));
        if (mapped == null) {
            return new HostPort(a.host().toLowerCase(Locale.ROOT), a.port()).toString();
        }
        HostPort m = HostPort.parse(mapped, a.port(), HostPort.Use.LISTEN);
        return m.toString();
    }
}
