package dev.forecourt.edge.role.ingress;

import dev.forecourt.edge.config.HeaderRules;

import static dev.forecourt.edge.config.Fields.ordered;

import dev.forecourt.edge.app.Apps;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.process.RunConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.config.Yaml.Scalar;
import dev.forecourt.http.HostPort;
import dev.forecourt.http.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code services} (domains, instances, embedded apps, {@code run:} commands, health checks) and
 * {@code ingress} (its listeners).
 */
final class IngressReader {
    private static final Set<String> SERVICE = ordered("domains", "instances", "app", "run", "healthCheck", "public",
            "loadBalancing", "connectTimeout", "readTimeout");
    private static final Set<String> INGRESS = ordered("listen", "privateListen", "tls", "server", "accessLog", "limits",
            "trustForwardedFrom", "proxyProtocol");
    private static final Set<String> LISTENERS = ordered("listen", "privateListen");

    private final Fields f;

    IngressReader(Fields f) {
        this.f = f;
    }

    IngressSection read(MapNode root) {
        Map<String, ServiceConfig> services = f.named(root.entries().get("services"), "services", this::service);
        IngressConfig ingress = ingress(root.entries().get("ingress"));
        if (!services.isEmpty() && ingress == null && root.entries().containsKey("services")) {
            f.problems.add(root.entries().get("services").line(), "services",
                    "services are served by the ingress, but there is no 'ingress' section (add ingress: {listen: 127.0.0.1:9000})");
        }
        crossCheck(root, services);
        return new IngressSection(services, ingress);
    }

    private ServiceConfig service(String name, Entry e) {
        String path = "services." + name;
        MapNode m = f.map(e.value(), path);
        if (m == null) {
            return null;
        }
        f.keys(m, path, SERVICE);
        Entry d = m.entries().get("domains");
        if (d == null) {
            f.problems.add(m.line(), path, "'domains' is missing: the Host values this service answers to, e.g. [iiif.internal]");
        }
        List<String> domains = f.domains(d, path + ".domains");
        List<InstanceConfig> instances = new ArrayList<>();
        Entry inst = m.entries().get("instances");
        if (inst != null) {
            ListNode l = f.list(inst.value(), path + ".instances");
            if (l != null) {
                for (Node n : l.items()) {
                    InstanceConfig ic = instance(n, path + ".instances");
                    if (ic != null) {
                        instances.add(ic);
                    }
                }
            }
        }
        Entry app = m.entries().get("app");
        if (app != null) {
            InstanceConfig ic = app(app.value(), path + ".app");
            if (ic != null) {
                instances.add(ic);
            }
        }
        Entry run = m.entries().get("run");
        if (run != null && (inst != null || app != null)) {
            f.problems.add(run.line(), path + ".run", "a service with run: has only the instances Forecourt starts;"
                    + " remove '" + (inst != null ? "instances" : "app") + "', or run: to use it");
        } else if (run != null) {
            RunConfig rc = new RunReader(f).read(run, path + ".run");
            if (rc != null) {
                instances.add(new InstanceConfig.Run(rc));
            }
        } else if (inst == null && app == null) {
            f.problems.add(m.line(), path, "the service has no instances: give 'instances: [HOST:PORT, ...]', 'app: {echo: {}}'"
                    + " or 'run: {command: [...]}'");
        }
        HealthCheckConfig hc = f.healthCheck(m.entries().get("healthCheck"), path + ".healthCheck");
        boolean isPublic = f.bool(m.entries().get("public"), path + ".public", true);
        String lb = f.oneOf(m.entries().get("loadBalancing"), path + ".loadBalancing", ordered("round_robin", "least_request"), "round_robin");
        Duration connect = f.duration(m.entries().get("connectTimeout"), path + ".connectTimeout", Duration.ofSeconds(10));
        Duration read = f.duration(m.entries().get("readTimeout"), path + ".readTimeout", Duration.ofSeconds(30));
        return new ServiceConfig(name, domains, instances, hc, isPublic, lb, connect, read);
    }

    private InstanceConfig instance(Node n, String path) {
        if (n instanceof Scalar s && s.text() != null) {
            try {
                HostPort.parseWithPort(s.text(), HostPort.Use.CONNECT); // connected to: port 0 is no port
            } catch (IllegalArgumentException e) {
                f.problems.add(s.line(), path, e.getMessage());
                return null;
            }
            return new InstanceConfig.Address(s.text());
        }
        if (n instanceof MapNode m && m.entries().size() == 1 && m.entries().containsKey("app")) {
            return app(m.entries().get("app").value(), path + ".app");
        }
        if (n instanceof MapNode m && m.entries().containsKey("run")) {
            f.problems.add(n.line(), path, "'run' is a key of the service, not an instance: services.NAME.run: {command: [...]}");
            return null;
        }
        f.problems.add(n.line(), path, "an instance is HOST:PORT or {app: {KIND: {...}}}");
        return null;
    }

    private InstanceConfig app(Node n, String path) {
        MapNode m = f.map(n, path);
        if (m == null) {
            return null;
        }
        if (m.entries().size() != 1) {
            f.problems.add(m.line(), path, "name exactly one app kind: " + Apps.names());
            return null;
        }
        Entry kindEntry = m.entries().values().iterator().next();
        Apps.AppKind kind = Apps.kind(kindEntry.key());
        if (kind == null) {
            f.problems.add(kindEntry.line(), path, "unknown app kind '" + kindEntry.key() + "'; allowed: " + Apps.names());
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (!(kindEntry.value() instanceof Scalar sc && sc.text() == null)) {
            MapNode sm = f.map(kindEntry.value(), path + "." + kindEntry.key());
            if (sm != null) {
                f.keys(sm, path + "." + kindEntry.key(), kind.settings());
                for (Entry s : sm.entries().values()) {
                    String v = f.string(s, path + "." + kindEntry.key() + "." + s.key());
                    if (v != null) {
                        settings.put(s.key(), v);
                    }
                }
                settings = kind.pathsFrom(f.dir, settings); // relative paths from the file's directory, as all of its
                kind.problems(settings).forEach((key, problem) -> {
                    Entry at = sm.entries().get(key);
                    f.problems.add(at == null ? sm.line() : at.line(), path + "." + kindEntry.key() + "." + key, problem);
                });
            }
        } else { // `iiif:` with nothing after it: the kind's defaults, which may not be enough (images)
            kind.problems(settings).forEach((key, problem) ->
                    f.problems.add(kindEntry.line(), path + "." + kindEntry.key() + "." + key, problem));
        }
        return new InstanceConfig.App(kindEntry.key(), settings);
    }

    private IngressConfig ingress(Entry e) {
        if (e == null) {
            return null;
        }
        MapNode m = f.map(e.value(), "ingress");
        if (m == null) {
            return null;
        }
        f.keys(m, "ingress", INGRESS);
        String listen = f.address(m.entries().get("listen"), "ingress.listen");
        String privateListen = f.address(m.entries().get("privateListen"), "ingress.privateListen");
        if (listen == null && privateListen == null && !m.entries().containsKey("listen")) {
            f.problems.add(m.line(), "ingress", "'listen' is missing: the address of the public listener, e.g. 127.0.0.1:9000");
        }
        TlsConfig tls = f.tls(m.entries().get("tls"), "ingress.tls", Set.of("listeners"));
        Set<String> tlsListeners = tls == null ? null : tlsListeners((MapNode) m.entries().get("tls").value(), m);
        String server = m.entries().containsKey("server") ? f.string(m.entries().get("server"), "ingress.server") : null;
        String serverProblem = server == null ? null : HeaderRules.valueProblem(server);
        if (serverProblem != null) {
            f.problems.add(m.entries().get("server").line(), "ingress.server", serverProblem);
            server = null;
        }
        AccessLogConfig log = f.accessLog(m.entries().get("accessLog"), "ingress.accessLog");
        Limits limits = f.limits(m.entries().get("limits"), "ingress.limits");
        List<Cidr> trust = f.trustedPeers(m.entries().get("trustForwardedFrom"), "ingress.trustForwardedFrom",
                IngressConfig.DEFAULT_TRUST);
        return new IngressConfig(listen, privateListen, tls, server, log, limits, trust,
                proxyProtocol(m.entries().get("proxyProtocol")), tlsListeners);
    }

    /** {@code proxyProtocol: true} (both listeners), or the listeners that take it: {@code [privateListen]}. */
    private Set<String> proxyProtocol(Entry e) {
        if (e == null) return Set.of();
        if (e.value() instanceof Scalar s && ("true".equals(s.text()) || "false".equals(s.text()))) {
            return "true".equals(s.text()) ? LISTENERS : Set.of();
        }
        return listeners(e, "ingress.proxyProtocol", "true (both), or the ones that take a PROXY header");
    }

    /** {@code tls.listeners}: the listeners that speak TLS (both when left out), each one this file sets. */
    private Set<String> tlsListeners(MapNode tls, MapNode ingress) {
        Entry e = tls.entries().get("listeners");
        if (e == null) return null;
        Set<String> out = listeners(e, "ingress.tls.listeners", "the ones that speak TLS, or leave 'listeners' out (both)");
        for (String k : out) {
            if (!ingress.entries().containsKey(k)) {
                f.problems.add(e.line(), "ingress.tls.listeners", "'" + k + "' is not set in this file: no listener"
                        + " would speak TLS there");
            }
        }
        return out;
    }

    /** A list of the ingress's listener keys ({@code listen}, {@code privateListen}); {@code write}: what is allowed. */
    private Set<String> listeners(Entry e, String path, String write) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String k : f.strings(e, path)) {
            if (LISTENERS.contains(k)) {
                out.add(k);
            } else {
                f.problems.add(e.line(), path, "'" + k + "' is not a listener of the ingress; write " + write
                        + ": [listen], [privateListen]");
            }
        }
        return out;
    }

    /** Domains must be unique across services, and listeners must not share an address. */
    private void crossCheck(MapNode root, Map<String, ServiceConfig> services) {
        Map<String, String> owner = new HashMap<>();
        Entry se = root.entries().get("services");
        for (ServiceConfig s : services.values()) {
            for (String d : s.domains()) {
                String key = d.toLowerCase(java.util.Locale.ROOT);
                String prev = owner.putIfAbsent(key, s.name());
                if (prev != null && !prev.equals(s.name())) {
                    int line = se == null ? 0 : ((MapNode) se.value()).entries().get(s.name()).line();
                    f.problems.add(line, "services." + s.name() + ".domains", "'" + d + "' is already a domain of service '"
                            + prev + "'; a Host must lead to one service");
                }
            }
        }
    }}
