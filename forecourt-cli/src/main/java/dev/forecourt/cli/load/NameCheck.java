package dev.forecourt.cli.load;

import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.distribution.DistributionRole;
import dev.forecourt.edge.role.link.LinkConfig;
import dev.forecourt.edge.role.link.LinkRole;

import dev.forecourt.edge.Resolver;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.http.HostPort;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * The names hops connect to (origins' domains, instances' hosts, links' targets) resolve, through {@code resolve:} or DNS. A name
 * that does not is a warning, not an error: the machine that checks may not see the DNS of the one that runs
 * (a CI runner); but {@code run} resolves them at start, and would not start here. Two targets of a link that are one
 * address here (a name and its address) are a warning too.
 */
final class NameCheck {
    private NameCheck() {}

    static void check(Config c, Findings f) {
        Resolver resolver = new Resolver(c.resolve());
        for (ServiceConfig s : IngressRole.ROLE.of(c).services().values()) {
            for (int i = 0; i < s.instances().size(); i++) {
                if (s.instances().get(i) instanceof InstanceConfig.Address a) {
                    resolves(f, resolver, "services." + s.name() + ".instances[" + i + "]", a.hostPort(), 80,
                            "service '" + s.name() + "''s instance");
                }
            }
        }
        for (LinkConfig l : LinkRole.ROLE.of(c).links().values()) {
            Map<InetSocketAddress, String> registered = new HashMap<>();
            for (int i = 0; i < l.targets().size(); i++) {
                String path = "links." + l.name() + ".targets[" + i + "]";
                String target = l.targets().get(i);
                InetSocketAddress a = resolves(f, resolver, path, target, 0, "link '" + l.name() + "''s target");
                String before = a == null ? null : registered.putIfAbsent(a, target);
                if (before != null) { // the reader refuses the same text twice; two names of one address pass it
                    f.warning(path, "'" + target + "' and '" + before + "' are one address here ("
                            + a.getAddress().getHostAddress() + ":" + a.getPort() + "): it is registered twice and"
                            + " gets two shares of the link's connections (an NLB registers a target once, by its"
                            + " address). Fix: list it once");
                }
            }
        }
        for (DistributionConfig d : DistributionRole.ROLE.of(c).distributions().values()) {
            for (OriginConfig o : d.origins().values()) {
                resolves(f, resolver, "distributions." + d.name() + ".origins." + o.name() + ".domain", o.domain(),
                        o.protocolPolicy().equals("https-only") ? o.httpsPort() : o.httpPort(), "origin '" + o.name() + "'");
            }
        }
    }

    /** The address {@code hostPort} resolves to, or null (said as a warning) when it does not. */
    private static InetSocketAddress resolves(Findings f, Resolver resolver, String path, String hostPort, int port,
                                              String what) {
        try {
            return resolver.resolve(hostPort, port);
        } catch (UnknownHostException | RuntimeException e) {
            String host = HostPort.withoutPort(hostPort); // as written: it may be what failed to parse
            f.unresolved(path, "'" + host + "' (" + what + ") does not resolve: it is not in resolve: and DNS has no"
                    + " address for it here, so forecourt run would not start on this machine. Fix: map it in"
                    + " resolve: (" + host + ": 127.0.0.1:PORT), or give it a DNS record");
            return null;
        }
    }
}
