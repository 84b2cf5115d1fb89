package dev.forecourt.cli;

import dev.forecourt.edge.config.BehaviorConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.DistributionConfig;
import dev.forecourt.edge.config.IngressConfig;
import dev.forecourt.edge.config.OriginConfig;
import dev.forecourt.edge.config.ServiceConfig;
import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.edge.route.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a valid configuration hop by hop, before any traffic, and names what will go wrong between hops: a
 * distribution behavior whose origin is this file's ingress but which sends a Host the ingress serves no service
 * for (the seed's 404 from the platform), or speaks the wrong protocol to it. Each finding says what will happen
 * and the fix.
 */
final class HopWalk {
    private HopWalk() {}

    static List<String> warnings(Config c) {
        List<String> out = new ArrayList<>();
        IngressConfig ingress = c.ingress();
        if (ingress == null) {
            return out;
        }
        Router publicRouter = router(c, true);
        Router privateRouter = router(c, false);
        for (DistributionConfig d : c.distributions().values()) {
            List<BehaviorConfig> all = new ArrayList<>(d.behaviors());
            all.add(d.defaultBehavior());
            for (BehaviorConfig b : all) {
                OriginConfig o = d.origins().get(b.origin());
                if (o == null) continue;
                String where = "distributions." + d.name() + "." + (b.pathPattern() == null ? "defaultBehavior"
                        : "behaviors[" + b.pathPattern() + "]");
                boolean https = o.protocolPolicy().equals("https-only");
                int port = https ? o.httpsPort() : o.httpPort();
                String target = address(c, o.domain(), port);
                boolean toPublic = ingress.listen() != null && sameAddress(target, ingress.listen());
                boolean toPrivate = ingress.privateListen() != null && sameAddress(target, ingress.privateListen());
                if (!toPublic && !toPrivate) continue;
                String listener = toPublic ? "the ingress's public listener " + ingress.listen()
                        : "the ingress's private listener " + ingress.privateListen();
                Router router = toPublic ? publicRouter : privateRouter;
                boolean forwardsHost = b.cachePolicy().headers().takes("host") || b.originRequestPolicy().forwardsHost();
                List<String> hosts = forwardsHost ? (d.aliases().isEmpty() ? List.of() : d.aliases()) : List.of(o.domain());
                for (String host : hosts) {
                    if (router.match(host, host.toLowerCase(java.util.Locale.ROOT)) == null) {
                        out.add(where + ": sends Host '" + host + "' to origin '" + o.name() + "' (" + o.domain()
                                + " -> " + target + ", " + listener + "), where no service has that domain: every request"
                                + " will get 404 no_route from ingress. Fix: " + (forwardsHost
                                ? "originRequestPolicy: AllViewerExceptHostHeader (the origin's domain as Host), or add '"
                                + host + "' to a service's domains"
                                : "add '" + o.domain() + "' to a service's domains"));
                    }
                }
                boolean listenerTls = ingress.tls() != null;
                if (https && !listenerTls) {
                    out.add(where + ": origin '" + o.name() + "' is https-only but " + listener
                            + " speaks plain HTTP: the TLS handshake will fail (502 upstream_tls_failure). Fix: "
                            + "protocolPolicy: http-only, or give the ingress tls:");
                } else if (!https && o.protocolPolicy().equals("http-only") && listenerTls) {
                    out.add(where + ": origin '" + o.name() + "' is http-only but " + listener + " expects TLS: "
                            + "requests will fail (502). Fix: protocolPolicy: https-only with httpsPort " + port);
                }
            }
        }
        return out;
    }

    private static Router router(Config c, boolean publicOnly) {
        List<Router.VirtualHost> hosts = new ArrayList<>();
        for (ServiceConfig s : c.services().values()) {
            if (s.isPublic() || !publicOnly) {
                hosts.add(new Router.VirtualHost(s.name(), s.domains().stream().map(HostPattern::new).toList(), null));
            }
        }
        return new Router(hosts, "");
    }

    /** Where a name connects on this machine: its resolve: entry (with its port, or this one), else itself. */
    private static String address(Config c, String domain, int port) {
        String mapped = c.resolve().get(domain);
        if (mapped == null) {
            return domain + ":" + port;
        }
        int colon = mapped.lastIndexOf(':');
        return colon > mapped.lastIndexOf(']') ? mapped : mapped + ":" + port;
    }

    private static boolean sameAddress(String a, String listen) {
        if (a.equals(listen)) return true;
        int ca = a.lastIndexOf(':');
        int cl = listen.lastIndexOf(':');
        String la = listen.substring(0, cl);
        boolean anyHost = la.equals("0.0.0.0") || la.equals("[::]");
        boolean loop = (a.startsWith("localhost:") || a.startsWith("127.")) && (la.equals("localhost") || la.startsWith("127."));
        return a.substring(ca).equals(listen.substring(cl)) && (anyHost || loop && a.substring(0, ca).equals(la));
    }
}
