package dev.forecourt.edge.role.link;

import static dev.forecourt.edge.config.Fields.ordered;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.config.Values;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.observe.ConnectionLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code links}: each one's listener, targets, target group health check and connection settings. */
final class LinkReader {
    private static final Set<String> LINK = ordered("listen", "targets", "healthCheck", "loadBalancing",
            "connectTimeout", "idleTimeout", "deregistrationDelay", "proxyProtocol", "tls", "accessLog", "maxConnections");

    private static final Set<String> TLS_EXTRA = ordered("alpnPolicy", "targetProtocol");

    private final Fields f;

    LinkReader(Fields f) {
        this.f = f;
    }

    LinkSection read(MapNode root) {
        return new LinkSection(f.named(root.entries().get("links"), "links", this::link));
    }

    private LinkConfig link(String name, Entry e) {
        String path = "links." + name;
        MapNode m = f.map(e.value(), path);
        if (m == null) return null;
        f.keys(m, path, LINK);
        Map<String, Entry> x = m.entries();
        String listen = f.listen(m, path, "the address clients connect to, e.g. 127.0.0.1:1001");
        List<String> targets = new ArrayList<>();
        Entry te = x.get("targets");
        if (te == null) {
            f.problems.add(m.line(), path, "'targets' is missing: where connections go, e.g. [127.0.0.1:9443]");
        } else {
            int said = f.problems.list().size();
            for (String t : f.strings(te, path + ".targets")) {
                String problem = Values.addressProblem(t, true);
                if (problem == null && t.endsWith(":0")) {
                    problem = "'" + t + "': port 0 is no target's port (it means 'any free port' only where one"
                            + " listens). Fix: the port the target listens on";
                }
                if (problem != null) {
                    f.problems.add(te.line(), path + ".targets", problem);
                } else if (targets.contains(t)) {
                    f.problems.add(te.line(), path + ".targets", "'" + t + "' is listed twice; a target is registered once");
                } else {
                    targets.add(t);
                }
            }
            if (targets.isEmpty() && f.problems.list().size() == said) { // (not beside what is said of those given)
                f.problems.add(te.line(), path + ".targets", "no target: give at least one HOST:PORT");
            }
        }
        HealthCheckConfig hc = f.healthCheck(x.get("healthCheck"), path + ".healthCheck", LinkConfig.NLB_HEALTH, true);
        String lb = f.oneOf(x.get("loadBalancing"), path + ".loadBalancing", ordered("round_robin", "least_connections"),
                "round_robin");
        Duration connect = f.duration(x.get("connectTimeout"), path + ".connectTimeout", Duration.ofSeconds(10));
        Duration idle = f.duration(x.get("idleTimeout"), path + ".idleTimeout", LinkConfig.NLB_IDLE);
        Duration deregistration = f.duration(x.get("deregistrationDelay"), path + ".deregistrationDelay",
                LinkConfig.NLB_DEREGISTRATION);
        boolean proxy = "v2".equals(f.oneOf(x.get("proxyProtocol"), path + ".proxyProtocol", ordered("off", "v2"), "off"));
        LinkTls tls = tls(x.get("tls"), path + ".tls");
        AccessLogConfig log = f.accessLog(x.get("accessLog"), path + ".accessLog", ConnectionLog.DEFAULT,
                ConnectionLog::compile);
        int maxConnections = f.integer(x.get("maxConnections"), path + ".maxConnections", 10_000, 1, 1_000_000);
        return new LinkConfig(name, listen, targets, hc, lb, connect, idle, deregistration, proxy, tls, log,
                maxConnections);
    }

    /** An NLB TLS listener: the certificates, as any listener's, with the ALPN policy and the targets' protocol. */
    private LinkTls tls(Entry e, String path) {
        TlsConfig listener = f.tls(e, path, TLS_EXTRA);
        if (listener == null) {
            return null;
        }
        Map<String, Entry> x = ((MapNode) e.value()).entries();
        String alpn = f.oneOf(x.get("alpnPolicy"), path + ".alpnPolicy", ordered(LinkTls.ALPN_POLICIES.keySet().stream()
                .sorted().toArray(String[]::new)), "None");
        String target = f.oneOf(x.get("targetProtocol"), path + ".targetProtocol", ordered("tcp", "tls"), "tcp");
        return new LinkTls(listener, alpn, target.equals("tls"));
    }
}
