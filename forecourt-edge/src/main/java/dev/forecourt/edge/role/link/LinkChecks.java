package dev.forecourt.edge.role.link;

import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.YamlPath;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.DistributionRole;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.http.HostPort;
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

    /** A listener of the file: where it is in the file, and whether it takes a PROXY header first. */
    private record Listening(String key, boolean takesProxy) {}

    static void check(LinkSection links, Config whole, Yaml.MapNode root, Problems p) {
        Map<String, Listening> listeners = listeners(whole, links);
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
                    p.add(line, at, "'" + target + "' is " + l.key() + ", which takes no PROXY header, and this link"
                            + " sends one: the listener would read it as the start of a request and refuse it. Fix:"
                            + " ingress.proxyProtocol: [" + l.key().substring(l.key().indexOf('.') + 1) + "], or drop"
                            + " proxyProtocol from the link");
                }
            }
        }
    }

    private static Map<String, Listening> listeners(Config whole, LinkSection links) {
        Map<String, Listening> out = new LinkedHashMap<>();
        IngressConfig ic = IngressRole.ROLE.of(whole).ingress();
        if (ic != null) {
            put(out, whole, ic.listen(), new Listening("ingress.listen", ic.takesProxyHeader("listen")));
            put(out, whole, ic.privateListen(), new Listening("ingress.privateListen", ic.takesProxyHeader("privateListen")));
        }
        for (DistributionConfig d : DistributionRole.ROLE.of(whole).distributions().values()) {
            put(out, whole, d.listen(), new Listening("distributions." + d.name() + ".listen", false));
            put(out, whole, d.tlsListen(), new Listening("distributions." + d.name() + ".tls.listen", false));
        }
        if (whole.admin() != null) {
            put(out, whole, whole.admin().listen(), new Listening("admin.listen", false));
        }
        for (LinkConfig l : links.links().values()) {
            put(out, whole, l.listen(), new Listening("links." + l.name() + ".listen", false));
        }
        return out;
    }

    private static void put(Map<String, Listening> out, Config whole, String address, Listening l) {
        if (address != null) {
            out.putIfAbsent(normal(address, whole), l);
        }
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
