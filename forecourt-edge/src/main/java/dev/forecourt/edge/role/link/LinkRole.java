package dev.forecourt.edge.role.link;

import dev.forecourt.edge.CannotStart;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.observe.ConnectionLog;
import dev.forecourt.edge.observe.LinkMetrics;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Role;
import dev.forecourt.edge.upstream.HealthChecker;
import dev.forecourt.edge.upstream.Instance;
import dev.forecourt.http.ClientTls;
import dev.forecourt.http.Endpoint;
import dev.forecourt.http.HostPort;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.RelayTarget;
import dev.forecourt.http.ServerTls;
import dev.forecourt.http.TcpRelay;
import dev.forecourt.http.UpstreamSettings;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links (a Network Load Balancer, as an API's VPC link reaches it): TCP listeners that relay each connection,
 * bytes untouched, to a healthy target of their target group. The hop nobody sees: TLS passes through, so the SNI
 * and Host a client sends arrive at the target as they left the client; or, as an NLB TLS listener, the link ends
 * the client's TLS and relays the decrypted bytes, plain or in TLS of its own to the target.
 */
public final class LinkRole implements Role<LinkSection> {
    public static final LinkRole ROLE = new LinkRole();

    private LinkRole() {}

    @Override
    public String name() {
        return "link";
    }

    @Override
    public Set<String> sections() {
        return Set.of("links");
    }

    @Override
    public LinkSection read(Yaml.MapNode root, Fields fields) {
        return new LinkReader(fields).read(root);
    }

    @Override
    public LinkSection empty() {
        return LinkSection.NONE;
    }

    @Override
    public void check(LinkSection config, Config whole, Yaml.MapNode root, Problems problems) {
        LinkChecks.check(config, whole, root, problems);
        for (LinkConfig link : config.links().values()) {
            dev.forecourt.edge.config.HealthTiming.check(root, problems, link.healthCheck(), "links", link.name());
        }
    }

    @Override
    public List<Listening> listeners(LinkSection config) {
        List<Listening> out = new ArrayList<>();
        for (LinkConfig l : config.links().values()) {
            if (l.listen() != null) {
                out.add(new Listening("links." + l.name() + ".listen", "link '" + l.name() + "'", l.listen(), 80,
                        l.tls() != null, false)); // TLS when it ends it; passed through, what it speaks is its target's
            }
        }
        return out;
    }

    @Override
    public Map<String, AccessLogConfig> accessLogs(LinkSection config) {
        Map<String, AccessLogConfig> out = new LinkedHashMap<>();
        config.links().values().forEach(l -> out.put("links." + l.name() + ".accessLog", l.accessLog()));
        return out;
    }

    @Override
    public void assemble(LinkSection config, Assembly assembly) throws Exception {
        for (LinkConfig link : config.links().values()) {
            link(link, assembly);
        }
    }

    private static void link(LinkConfig link, Assembly assembly) throws Exception {
        String hop = "link/" + link.name();
        List<LinkTarget> targets = new ArrayList<>();
        List<Instance> checked = new ArrayList<>();
        for (String t : link.targets()) {
            InetSocketAddress address = assembly.resolver().resolve(t, 80);
            // kept by address: its open connections and health outlive a reload; one a reload drops is deregistered
            LinkTarget target = assembly.keep(hop + "/" + t, address,
                    () -> new LinkTarget(new RelayTarget(address), assembly.loops().next()));
            target.deregistrationDelay(link.deregistrationDelay());
            Instance instance = new Instance(assembly.own(new Endpoint(t, address, checkSettings(link, t))), target.health);
            assembly.check(HealthChecker.ofTarget(hop, instance, link.healthCheck(), t, assembly.loops()));
            assembly.gauge(() -> assembly.metrics().upstreamHealth(hop, t, instance::available));
            targets.add(target);
            checked.add(instance);
        }
        LinkTargets picker = assembly.own(new LinkTargets(targets, checked,
                link.loadBalancing().equals("least_connections")).sweepOn(assembly.loops().next()));
        // kept while its block is unchanged: connections relayed by the old configuration log to it after a reload
        ConnectionLog log;
        try {
            log = assembly.keep("connection-log/" + hop, link.accessLog(), () -> open(hop, link));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // a log file that can't be opened: the operator's to fix, said as the others are
        }
        LinkMetrics metrics = assembly.metrics().link(link.name());
        TcpRelay relay = new TcpRelay(picker, relaySettings(link), r -> {
                    metrics.record(r);
                    log.log(r);
                }, assembly.traces().watch(hop));
        log.writtenBy(relay);
        LinkConnections open = assembly.keep("link-connections/" + hop, hop, LinkConnections::new);
        List<RelayTarget> relays = targets.stream().map(t -> t.relay).toList();
        assembly.live(() -> open.register(relays)); // not while a reload that may yet fail is built
        assembly.gauge(() -> assembly.metrics().linkOpen(link.name(), open::open));
        Limits d = Limits.DEFAULT;
        Limits limits = new Limits(d.maxHeaderSize(), d.maxRequestLine(), d.headerTimeout(), d.idleTimeout(),
                d.requestTimeout(), link.maxConnections(), d.maxConcurrentStreams());
        String key = "link-" + link.name();
        assembly.listen(key, new ListenerSpec(key, assembly.resolver().resolve(link.listen(), 80), serverTls(link), limits),
                relay);
    }

    /** A TLS listener's certificates and ALPN policy; null: TLS passes through. */
    private static ServerTls serverTls(LinkConfig link) throws CannotStart {
        LinkTls tls = link.tls();
        return tls == null ? null : TlsConfig.server("links." + link.name() + ".tls", tls.listener(), tls.alpn());
    }

    /** TLS to the targets (a TLS target group) verifies nothing, as the NLB's does: they hold their own certificates. */
    private static TcpRelay.Settings relaySettings(LinkConfig link) throws Exception {
        TcpRelay.Settings s = new TcpRelay.Settings(link.connectTimeout(), link.idleTimeout(), link.proxyProtocol(), null);
        return link.tls() != null && link.tls().targetTls() ? s.withTargetTls(ClientTls.of(null, null, false)) : s;
    }

    private static ConnectionLog open(String hop, LinkConfig link) {
        try {
            return ConnectionLog.open(hop, link.accessLog());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * How the health checks reach a target: https checks speak TLS without verifying, as a target group's do; with
     * {@code proxyProtocol: v2} each check begins with a PROXY header (LOCAL: no client), as an NLB's checks do, since
     * the listener behind refuses a connection without one.
     */
    private static UpstreamSettings checkSettings(LinkConfig link, String target) throws Exception {
        UpstreamSettings d = UpstreamSettings.DEFAULT;
        UpstreamSettings s = new UpstreamSettings(link.healthCheck().timeout(), link.healthCheck().timeout(),
                d.keepAliveTimeout(), 1, null);
        if (link.proxyProtocol()) {
            s = s.withProxyHeader();
        }
        if (!link.healthCheck().protocol().equals("https")) {
            return s;
        }
        return s.withTls(ClientTls.of(HostPort.parse(target, null).host(), null, false));
    }
}
