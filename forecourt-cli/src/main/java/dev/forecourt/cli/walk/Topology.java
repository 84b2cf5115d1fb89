package dev.forecourt.cli.walk;

import dev.forecourt.edge.Resolver;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Listeners;
import dev.forecourt.edge.role.api.ApiConfig;
import dev.forecourt.edge.role.api.ApiRole;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.DistributionRole;
import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.ingress.IngressSection;
import dev.forecourt.edge.role.link.LinkConfig;
import dev.forecourt.edge.role.link.LinkRole;
import dev.forecourt.http.HostPort;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A file as a graph of hops: its listeners ({@link Landing}), found by the address a connection goes to
 * ({@code resolve:} first, as the engine connects), and the connections its hops make ({@link Edge}). A link relays
 * bytes, so what a connection to it reaches is what its targets are: the walk looks through links (one that ends
 * TLS is where the handshake is judged, {@link Reached#terminatedAt}).
 */
final class Topology {
    /** Hops followed from one edge before the walk stops saying anything (a loop, or a very long chain). */
    static final int MAX_HOPS = 8;

    private final Config config;
    private final Resolver resolver;
    private final Map<Landing, InetSocketAddress> landings = new LinkedHashMap<>();
    private final Map<String, List<Edge>> edges = new LinkedHashMap<>();

    private Topology(Config config) {
        this.config = config;
        this.resolver = new Resolver(config.resolve());
    }

    static Topology of(Config c) {
        Topology t = new Topology(c);
        Map<String, Listening> listening = new LinkedHashMap<>();
        Listeners.of(c).forEach(l -> listening.putIfAbsent(l.key(), l));
        IngressSection ingress = IngressRole.ROLE.of(c);
        if (ingress.ingress() != null) {
            t.add(listening.get("ingress.listen"), l -> new IngressLanding(l, ingress.ingress(), ingress.services(), true));
            t.add(listening.get("ingress.privateListen"), l -> new IngressLanding(l, ingress.ingress(), ingress.services(), false));
        }
        for (DistributionConfig d : DistributionRole.ROLE.of(c).distributions().values()) {
            t.add(listening.get("distributions." + d.name() + ".listen"), l -> new DistributionLanding(l, d));
            t.add(listening.get("distributions." + d.name() + ".tls.listen"), l -> new DistributionLanding(l, d));
        }
        for (ApiConfig a : ApiRole.ROLE.of(c).apis().values()) {
            t.add(listening.get("apis." + a.name() + ".listen"), l -> new ApiLanding(l, a));
        }
        for (LinkConfig link : LinkRole.ROLE.of(c).links().values()) {
            t.add(listening.get("links." + link.name() + ".listen"), l -> new LinkLanding(l, link));
        }
        for (DistributionConfig d : DistributionRole.ROLE.of(c).distributions().values()) {
            List<BehaviorConfig> all = new ArrayList<>(d.behaviors());
            all.add(d.defaultBehavior());
            all.forEach(b -> t.edges.put(OriginEdge.behaviorAt(d, b), OriginEdge.of(d, b, t)));
        }
        for (ApiConfig a : ApiRole.ROLE.of(c).apis().values()) {
            a.routes().forEach(r -> t.edges.put(IntegrationEdge.routeAt(a, r), IntegrationEdge.of(a, r, t)));
        }
        return t;
    }

    private void add(Listening l, Function<Listening, Landing> landing) {
        InetSocketAddress a = l == null ? null : address(l.address(), l.defaultPort());
        if (a != null) landings.put(landing.apply(l), a);
    }

    Config config() {
        return config;
    }

    /** Every connection the file's hops make, in file order. */
    List<Edge> edges() {
        return edges.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The listeners of this file a connection to {@code target} reaches: the one at that address or, through a
     * link, what its targets reach. Empty: it leads elsewhere.
     */
    List<Reached> reached(HostPort target) {
        InetSocketAddress a = address(target.withBrackets(), target.port());
        if (a == null) return List.of();
        List<Reached> out = new ArrayList<>();
        String address = a.getAddress().getHostAddress() + ":" + a.getPort();
        follow(a, target.toString().equals(address) ? "" : target + " -> ", false, null, new HashSet<>(), out);
        return out;
    }

    private void follow(InetSocketAddress a, String route, boolean proxied, LinkConfig terminated, Set<Landing> seen,
                        List<Reached> out) {
        Landing l = land(a);
        if (l == null || !seen.add(l)) return;
        String here = route + l.name();
        if (!(l instanceof LinkLanding link)) {
            out.add(new Reached(l, here, proxied, terminated));
            return;
        }
        // the first link that ends TLS is the one the handshake meets; what follows it is the link's own connection
        LinkConfig ends = terminated == null && link.link().tls() != null ? link.link() : terminated;
        for (String target : link.link().targets()) {
            InetSocketAddress next = address(target, 80);
            if (next != null) follow(next, here + " -> ", link.link().proxyProtocol(), ends, seen, out);
        }
    }

    /** The listener a connection to this address lands on: one bound to it, else one on the wildcard address. */
    private Landing land(InetSocketAddress target) {
        Landing wildcard = null;
        for (Map.Entry<Landing, InetSocketAddress> e : landings.entrySet()) {
            InetSocketAddress l = e.getValue();
            if (l.getPort() != target.getPort()) continue;
            if (l.getAddress().equals(target.getAddress())) return e.getKey();
            if (l.getAddress().isAnyLocalAddress()) wildcard = e.getKey();
        }
        return wildcard;
    }

    /**
     * The Host values the clients of a hop send: the names it declares ({@code aliases}, {@code domains}); without
     * them, a name {@code resolve:} leads to one of its listeners (those whose key starts {@code keyStart}), and the
     * address each listens on (a wildcard one says nothing).
     */
    List<String> namesOf(String keyStart, List<String> declared) {
        if (!declared.isEmpty()) return List.copyOf(declared);
        List<String> names = new ArrayList<>();
        for (Map.Entry<Landing, InetSocketAddress> l : landings.entrySet()) {
            if (!l.getKey().listening().key().startsWith(keyStart)) continue;
            InetSocketAddress at = l.getValue();
            for (Map.Entry<String, String> e : config.resolve().entrySet()) {
                InetSocketAddress asName = address(e.getKey(), at.getPort());
                if (asName != null && land(asName) == l.getKey()) {
                    // an entry without a port leaves the port to the client: it names the listener's
                    names.add(e.getValue().contains(":") ? e.getKey() : e.getKey() + ":" + at.getPort());
                }
            }
            if (!at.getAddress().isAnyLocalAddress()) names.add(l.getKey().listening().address());
        }
        return names;
    }

    /** Whether the landing routes by Host and none of the request's Host values is its (the Host finding's to tell). */
    boolean missesEveryHost(Landing l, Request r) {
        HostRoutes routes = l.hostRoutes();
        return routes != null && r.hosts() != null && r.hosts().stream().allMatch(h -> routes.owner(h) == null);
    }

    /**
     * Whether requests like {@code r}, sent on by the edges at these keys, are answered 404 for their path further on:
     * only when every way they may go ends so; null otherwise.
     */
    Refusal onward(List<String> ats, Request r, int depth) {
        if (depth >= MAX_HOPS) return null;
        Refusal first = null;
        for (String at : ats) {
            for (Edge e : edges.getOrDefault(at, List.of())) {
                List<Reached> reached = reached(e.connection().target());
                if (reached.isEmpty()) return null; // it leads elsewhere: not known
                Request sent = e.sent(r);
                for (Reached next : reached) {
                    Refusal refusal = next.landing().refuses(sent, this, depth + 1);
                    if (refusal == null) return null;
                    first = first != null ? first : refusal.onTo(next.landing().name());
                }
            }
        }
        return first;
    }

    /** Where a name connects, as the engine resolves it ({@code resolve:} first), or null if it can't be. */
    private InetSocketAddress address(String hostPort, int port) {
        try {
            return resolver.resolve(hostPort, port);
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return null; // a name this machine can't resolve is no listener of this file
        }
    }
}
