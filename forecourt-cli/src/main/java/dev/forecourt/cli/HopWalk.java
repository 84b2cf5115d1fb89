package dev.forecourt.cli;

import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.distribution.DistributionRole;

import dev.forecourt.edge.Resolver;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.ingress.IngressConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.edge.route.Router;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a valid configuration hop by hop, before any traffic, and names what will go wrong between hops: a
 * distribution behavior whose origin is this file's ingress but which sends a Host the ingress serves no service
 * for (the seed's 404 from the platform), or speaks the wrong protocol to it; a caching behavior whose origin gets
 * headers it may reflect that are not in the cache key ({@link UnkeyedHeaders}). Each finding says what will happen
 * and the fix.
 */
final class HopWalk {
    private HopWalk() {}

    static List<String> warnings(Config c) {
        List<String> out = new ArrayList<>(UnkeyedHeaders.warnings(c));
        IngressConfig ingress = IngressRole.ROLE.of(c).ingress();
        if (ingress == null) {
            return out;
        }
        Resolver resolver = new Resolver(c.resolve());
        InetSocketAddress publicAddress = address(resolver, ingress.listen(), 80);
        InetSocketAddress privateAddress = address(resolver, ingress.privateListen(), 80);
        Router publicRouter = router(c, true);
        Router privateRouter = router(c, false);
        for (DistributionConfig d : DistributionRole.ROLE.of(c).distributions().values()) {
            List<BehaviorConfig> all = new ArrayList<>(d.behaviors());
            all.add(d.defaultBehavior());
            for (BehaviorConfig b : all) {
                OriginConfig o = d.origins().get(b.origin());
                if (o == null) continue;
                String where = "distributions." + d.name() + "." + (b.pathPattern() == null ? "defaultBehavior"
                        : "behaviors[" + b.pathPattern() + "]");
                // what depends on the origin alone is said once, at the origin, not once per behavior using it
                String originPath = "distributions." + d.name() + ".origins." + o.name();
                boolean https = o.protocolPolicy().equals("https-only");
                int port = https ? o.httpsPort() : o.httpPort();
                InetSocketAddress target = address(resolver, o.domain(), port);
                boolean toPublic = reaches(target, publicAddress);
                boolean toPrivate = !toPublic && reaches(target, privateAddress);
                if (!toPublic && !toPrivate) continue;
                String listener = toPublic ? "the ingress's public listener " + ingress.listen()
                        : "the ingress's private listener " + ingress.privateListen();
                Router router = toPublic ? publicRouter : privateRouter;
                boolean forwardsHost = b.cachePolicy().headers().takes("host") || b.originRequestPolicy().forwardsHost();
                List<String> hosts = forwardsHost ? (d.aliases().isEmpty() ? List.of() : d.aliases()) : List.of(o.domain());
                for (String host : hosts) {
                    if (router.match(host, host.toLowerCase(java.util.Locale.ROOT)) == null) {
                        addOnce(out, (forwardsHost ? where : originPath) + ": sends Host '" + host + "' to origin '" + o.name() + "' (" + o.domain()
                                + " -> " + target.getAddress().getHostAddress() + ":" + target.getPort() + ", " + listener + "), where no service has that domain: every request"
                                + " will get 404 no_route from ingress. Fix: " + (forwardsHost
                                ? "originRequestPolicy: AllViewerExceptHostHeader (the origin's domain as Host), or add '"
                                + host + "' to a service's domains"
                                : "add '" + o.domain() + "' to a service's domains"));
                    }
                }
                boolean listenerTls = ingress.tls() != null;
                if (https && !listenerTls) {
                    addOnce(out, originPath + ": origin '" + o.name() + "' is https-only but " + listener
                            + " speaks plain HTTP: the TLS handshake will fail (502 upstream_tls_failure). Fix: "
                            + "protocolPolicy: http-only, or give the ingress tls:");
                } else if (!https && o.protocolPolicy().equals("http-only") && listenerTls) {
                    addOnce(out, originPath + ": origin '" + o.name() + "' is http-only but " + listener + " expects TLS: "
                            + "requests will fail (502). Fix: protocolPolicy: https-only with httpsPort " + port);
                }
            }
        }
        return out;
    }

    private static void addOnce(List<String> out, String warning) {
        if (!out.contains(warning)) {
            out.add(warning);
        }
    }

    private static Router router(Config c, boolean publicOnly) {
        List<Router.VirtualHost> hosts = new ArrayList<>();
        for (ServiceConfig s : IngressRole.ROLE.of(c).services().values()) {
            if (s.isPublic() || !publicOnly) {
                hosts.add(new Router.VirtualHost(s.name(), s.domains().stream().map(HostPattern::new).toList(), null));
            }
        }
        return new Router(hosts, "");
    }

    /** Where a name connects, as the engine will resolve it ({@code resolve:} first), or null if it can't be. */
    private static InetSocketAddress address(Resolver resolver, String hostPort, int port) {
        if (hostPort == null) {
            return null;
        }
        try {
            return resolver.resolve(hostPort, port);
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return null; // a name this machine can't resolve is not this file's ingress
        }
    }

    /** A connection to {@code target} lands on {@code listener} (same port; same address, or a wildcard listener). */
    private static boolean reaches(InetSocketAddress target, InetSocketAddress listener) {
        return target != null && listener != null && target.getPort() == listener.getPort()
                && (listener.getAddress().isAnyLocalAddress() || listener.getAddress().equals(target.getAddress()));
    }
}
