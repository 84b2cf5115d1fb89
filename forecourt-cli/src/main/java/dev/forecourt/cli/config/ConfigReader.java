package dev.forecourt.cli.config;

import dev.forecourt.cli.config.Yaml.Entry;
import dev.forecourt.cli.config.Yaml.ListNode;
import dev.forecourt.cli.config.Yaml.MapNode;
import dev.forecourt.cli.config.Yaml.Node;
import dev.forecourt.cli.config.Yaml.Scalar;
import dev.forecourt.edge.app.Apps;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.DistributionConfig;
import dev.forecourt.edge.config.ErrorsConfig;
import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.edge.config.IngressConfig;
import dev.forecourt.edge.config.InstanceConfig;
import dev.forecourt.edge.config.ServiceConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.observe.LogFormat;
import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ServerTls;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a configuration file into the vocabulary's records. Every unknown key, bad value and dangling reference is
 * collected (not just the first) and reported with file:line and what is allowed.
 */
public final class ConfigReader {
    private static final Set<String> TOP = ordered("resolve", "services", "ingress", "distributions", "cachePolicies",
            "originRequestPolicies", "responseHeadersPolicies", "functions", "admin", "errors");
    private static final Set<String> LATER = ordered("links", "apis");
    private static final Set<String> SERVICE = ordered("domains", "instances", "app", "healthCheck", "public",
            "loadBalancing", "connectTimeout", "readTimeout");
    private static final Set<String> HEALTH = ordered("protocol", "path", "interval", "timeout", "healthyThreshold",
            "unhealthyThreshold");
    private static final Set<String> INGRESS = ordered("listen", "privateListen", "tls", "server", "accessLog", "limits",
            "trustForwardedFrom");
    private static final Set<String> TLS = ordered("certificates", "minimumProtocol");
    private static final Set<String> CERT = ordered("cert", "key");
    private static final Set<String> ACCESS_LOG = ordered("format", "path");
    private static final Set<String> LIMITS = ordered("maxHeaderSize", "maxRequestLine", "headerTimeout", "idleTimeout",
            "requestTimeout", "maxConnections", "maxConcurrentStreams");
    private static final Set<String> ADMIN = ordered("listen", "token");

    private final Path file;
    final Path dir;
    final Problems problems;

    private ConfigReader(Path file) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.dir = parent == null ? Path.of(".") : parent;
        this.problems = new Problems(file);
    }

    public static Config read(Path file) throws ConfigException, IOException {
        return check(file).config();
    }

    public static Config read(Path file, String text) throws ConfigException {
        return check(file, text).config();
    }

    /** A configuration, where each of its keys is in the file, and the rules' warnings ({@code file:line: warning: ...}). */
    public record Read(Config config, Lines lines, List<String> warnings) {}

    /** As {@link #read(Path)}, with the lines of the keys ({@code check} names them in warnings). */
    public static Read readWithLines(Path file) throws ConfigException, IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return readBoth(file, in);
        }
    }

    /** As {@link #read(Path)}, with the warnings {@code check} shows. */
    public static Checked check(Path file) throws ConfigException, IOException {
        Read r = readWithLines(file);
        return new Checked(r.config(), r.warnings());
    }

    public static Checked check(Path file, String text) throws ConfigException {
        try {
            Read r = readBoth(file, new StringReader(text));
            return new Checked(r.config(), r.warnings());
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": " + e.getMessage()));
        }
    }

    private static Read readBoth(Path file, Reader in) throws ConfigException, IOException {
        ConfigReader r = new ConfigReader(file);
        Node root;
        try {
            root = Yaml.parse(in);
        } catch (Yaml.SyntaxError e) {
            throw new ConfigException(List.of(file + ":" + e.line + ": not valid YAML: " + e.getMessage()));
        }
        Config c = r.config(root);
        if (!r.problems.isEmpty()) {
            throw new ConfigException(r.problems.list());
        }
        return new Read(c, Lines.of(root), r.problems.warnings());
    }

    private Config config(Node root) {
        MapNode m = map(root, "");
        if (m == null) {
            return null;
        }
        if (m.entries().isEmpty()) {
            // an empty (or truncated, or all-commented) file is a mistake, not a request to run nothing: a reload
            // from it would close every listener
            problems.add(m.line(), "", "the file is empty: nothing would run; write at least one of "
                    + String.join(", ", TOP));
        }
        for (Entry e : m.entries().values()) {
            if (LATER.contains(e.key())) {
                problems.add(e.line(), e.key(), "this version does not run the '" + e.key()
                        + "' role yet; it runs " + String.join(", ", TOP));
            }
        }
        Set<String> allowed = new LinkedHashSet<>(TOP);
        allowed.addAll(LATER);
        keys(m, "", allowed);
        Map<String, String> resolve = resolve(m.entries().get("resolve"));
        Map<String, ServiceConfig> services = services(m.entries().get("services"));
        IngressConfig ingress = ingress(m.entries().get("ingress"));
        AdminConfig admin = admin(m.entries().get("admin"));
        ErrorsConfig errors = errors(m.entries().get("errors"));
        Map<String, DistributionConfig> distributions = new DistributionReader(this, new PolicyReader(this, m))
                .read(m.entries().get("distributions"));
        if (!services.isEmpty() && ingress == null && m.entries().containsKey("services")) {
            problems.add(m.entries().get("services").line(), "services",
                    "services are served by the ingress, but there is no 'ingress' section (add ingress: {listen: 127.0.0.1:9000})");
        }
        crossCheck(m, services);
        Config c = new Config(file, resolve, services, ingress, admin, distributions, errors);
        Rules.check(m, c, problems);
        return c;
    }

    // ---- sections ----

    private Map<String, String> resolve(Entry e) {
        Map<String, String> out = new LinkedHashMap<>();
        if (e == null) {
            return out;
        }
        MapNode m = map(e.value(), "resolve");
        if (m == null) {
            return out;
        }
        for (Entry r : m.entries().values()) {
            String v = string(r, "resolve." + r.key());
            if (v != null) {
                String problem = Values.addressProblem(v, false);
                if (problem != null) {
                    problems.add(r.line(), "resolve." + r.key(), problem + " (expected an address, like 127.0.0.1:9000)");
                } else {
                    out.put(r.key(), v);
                }
            }
        }
        return out;
    }

    private Map<String, ServiceConfig> services(Entry e) {
        Map<String, ServiceConfig> out = new LinkedHashMap<>();
        if (e == null) {
            return out;
        }
        MapNode m = map(e.value(), "services");
        if (m == null) {
            return out;
        }
        for (Entry s : m.entries().values()) {
            ServiceConfig c = service(s.key(), s);
            if (c != null) {
                out.put(s.key(), c);
            }
        }
        return out;
    }

    private ServiceConfig service(String name, Entry e) {
        String path = "services." + name;
        MapNode m = map(e.value(), path);
        if (m == null) {
            return null;
        }
        keys(m, path, SERVICE);
        List<String> domains = new ArrayList<>();
        Entry d = m.entries().get("domains");
        if (d == null) {
            problems.add(m.line(), path, "'domains' is missing: the Host values this service answers to, e.g. [iiif.internal]");
        } else {
            for (String s : strings(d, path + ".domains")) {
                try {
                    new HostPattern(s);
                    domains.add(s);
                } catch (IllegalArgumentException ex) {
                    problems.add(d.line(), path + ".domains", ex.getMessage());
                }
            }
        }
        List<InstanceConfig> instances = new ArrayList<>();
        Entry inst = m.entries().get("instances");
        if (inst != null) {
            ListNode l = list(inst.value(), path + ".instances");
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
        if (inst == null && app == null) {
            problems.add(m.line(), path, "the service has no instances: give 'instances: [HOST:PORT, ...]' or 'app: {echo: {}}'");
        }
        HealthCheckConfig hc = healthCheck(m.entries().get("healthCheck"), path + ".healthCheck");
        boolean isPublic = bool(m.entries().get("public"), path + ".public", true);
        String lb = oneOf(m.entries().get("loadBalancing"), path + ".loadBalancing", ordered("round_robin", "least_request"), "round_robin");
        Duration connect = duration(m.entries().get("connectTimeout"), path + ".connectTimeout", Duration.ofSeconds(10));
        Duration read = duration(m.entries().get("readTimeout"), path + ".readTimeout", Duration.ofSeconds(30));
        return new ServiceConfig(name, domains, instances, hc, isPublic, lb, connect, read);
    }

    private InstanceConfig instance(Node n, String path) {
        if (n instanceof Scalar s && s.text() != null) {
            String problem = Values.addressProblem(s.text(), true);
            if (problem != null) {
                problems.add(s.line(), path, problem);
                return null;
            }
            return new InstanceConfig.Address(s.text());
        }
        if (n instanceof MapNode m && m.entries().size() == 1 && m.entries().containsKey("app")) {
            return app(m.entries().get("app").value(), path + ".app");
        }
        if (n instanceof MapNode m && m.entries().containsKey("run")) {
            problems.add(n.line(), path, "'run' instances (commands Forecourt starts) are not supported yet; use an address or an app");
            return null;
        }
        problems.add(n.line(), path, "an instance is HOST:PORT or {app: {KIND: {...}}}");
        return null;
    }

    private InstanceConfig app(Node n, String path) {
        MapNode m = map(n, path);
        if (m == null) {
            return null;
        }
        if (m.entries().size() != 1) {
            problems.add(m.line(), path, "name exactly one app kind: " + Apps.names());
            return null;
        }
        Entry kindEntry = m.entries().values().iterator().next();
        Apps.AppKind kind = Apps.kind(kindEntry.key());
        if (kind == null) {
            problems.add(kindEntry.line(), path, "unknown app kind '" + kindEntry.key() + "'; allowed: " + Apps.names());
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (!(kindEntry.value() instanceof Scalar sc && sc.text() == null)) {
            MapNode sm = map(kindEntry.value(), path + "." + kindEntry.key());
            if (sm != null) {
                keys(sm, path + "." + kindEntry.key(), kind.settings());
                for (Entry s : sm.entries().values()) {
                    String v = string(s, path + "." + kindEntry.key() + "." + s.key());
                    if (v != null) {
                        settings.put(s.key(), v);
                    }
                }
            }
        }
        return new InstanceConfig.App(kindEntry.key(), settings);
    }

    private HealthCheckConfig healthCheck(Entry e, String path) {
        HealthCheckConfig d = HealthCheckConfig.DEFAULT;
        if (e == null) {
            return d;
        }
        MapNode m = map(e.value(), path);
        if (m == null) {
            return d;
        }
        keys(m, path, HEALTH);
        String protocol = oneOf(m.entries().get("protocol"), path + ".protocol", ordered("tcp", "http"), d.protocol());
        String hcPath = d.path();
        Entry pe = m.entries().get("path");
        if (pe != null) {
            String v = string(pe, path + ".path");
            if (v != null && !v.startsWith("/")) {
                problems.add(pe.line(), path + ".path", "must start with '/', got '" + v + "'");
            } else if (v != null) {
                hcPath = v;
            }
        }
        Duration interval = duration(m.entries().get("interval"), path + ".interval", d.interval());
        Duration timeout = duration(m.entries().get("timeout"), path + ".timeout", d.timeout());
        int healthy = integer(m.entries().get("healthyThreshold"), path + ".healthyThreshold", d.healthyThreshold(), 1, 20);
        int unhealthy = integer(m.entries().get("unhealthyThreshold"), path + ".unhealthyThreshold", d.unhealthyThreshold(), 1, 20);
        if (interval.isZero()) {
            problems.add(m.line(), path + ".interval", "must be more than 0");
        }
        return new HealthCheckConfig(protocol, hcPath, interval, timeout, healthy, unhealthy);
    }

    private IngressConfig ingress(Entry e) {
        if (e == null) {
            return null;
        }
        MapNode m = map(e.value(), "ingress");
        if (m == null) {
            return null;
        }
        keys(m, "ingress", INGRESS);
        String listen = address(m.entries().get("listen"), "ingress.listen");
        String privateListen = address(m.entries().get("privateListen"), "ingress.privateListen");
        if (listen == null && privateListen == null && !m.entries().containsKey("listen")) {
            problems.add(m.line(), "ingress", "'listen' is missing: the address of the public listener, e.g. 127.0.0.1:9000");
        }
        TlsConfig tls = tls(m.entries().get("tls"), "ingress.tls");
        String server = m.entries().containsKey("server") ? string(m.entries().get("server"), "ingress.server") : null;
        AccessLogConfig log = accessLog(m.entries().get("accessLog"), "ingress.accessLog");
        Limits limits = limits(m.entries().get("limits"), "ingress.limits");
        List<Cidr> trust = trustedPeers(m.entries().get("trustForwardedFrom"), "ingress.trustForwardedFrom",
                IngressConfig.DEFAULT_TRUST);
        return new IngressConfig(listen, privateListen, tls, server, log, limits, trust);
    }

    TlsConfig tls(Entry e, String path) {
        return tls(e, path, Set.of());
    }

    /** {@code extra}: keys a role reads from its tls block beside these (a distribution's {@code listen}). */
    TlsConfig tls(Entry e, String path, Set<String> extra) {
        if (e == null) {
            return null;
        }
        MapNode m = map(e.value(), path);
        if (m == null) {
            return null;
        }
        Set<String> allowed = new LinkedHashSet<>(TLS);
        allowed.addAll(extra);
        keys(m, path, allowed);
        List<ServerTls.Certificate> certs = new ArrayList<>();
        Entry ce = m.entries().get("certificates");
        if (ce == null) {
            problems.add(m.line(), path, "'certificates' is missing: [{cert: FILE.pem, key: FILE.key}]");
        } else {
            ListNode l = list(ce.value(), path + ".certificates");
            if (l != null) {
                for (Node n : l.items()) {
                    MapNode cm = map(n, path + ".certificates");
                    if (cm == null) {
                        continue;
                    }
                    keys(cm, path + ".certificates", CERT);
                    Path cert = file(cm, "cert", path + ".certificates");
                    Path key = file(cm, "key", path + ".certificates");
                    if (cert != null && key != null) {
                        certs.add(new ServerTls.Certificate(cert, key));
                    }
                }
            }
        }
        String min = oneOf(m.entries().get("minimumProtocol"), path + ".minimumProtocol", ordered("TLSv1.2", "TLSv1.3"), "TLSv1.2");
        return new TlsConfig(certs, min);
    }

    AccessLogConfig accessLog(Entry e, String path) {
        if (e == null) {
            return AccessLogConfig.DEFAULT;
        }
        if (e.value() instanceof Scalar s) {
            if ("off".equals(s.text()) || "false".equals(s.text())) {
                return AccessLogConfig.OFF;
            }
            if ("on".equals(s.text()) || "true".equals(s.text())) {
                return AccessLogConfig.DEFAULT;
            }
            problems.add(s.line(), path, "expected off, on, or {format: ..., path: ...}");
            return AccessLogConfig.DEFAULT;
        }
        MapNode m = map(e.value(), path);
        if (m == null) {
            return AccessLogConfig.DEFAULT;
        }
        keys(m, path, ACCESS_LOG);
        String format = AccessLogConfig.DEFAULT_FORMAT;
        Entry fe = m.entries().get("format");
        if (fe != null) {
            String f = string(fe, path + ".format");
            if (f != null) {
                try {
                    LogFormat.compile(f);
                    format = f;
                } catch (IllegalArgumentException ex) {
                    problems.add(fe.line(), path + ".format", ex.getMessage());
                }
            }
        }
        String out = "stdout";
        Entry pe = m.entries().get("path");
        if (pe != null) {
            String p = string(pe, path + ".path");
            if (p != null) {
                out = p.equals("stdout") ? p : dir.resolve(p).toString();
            }
        }
        return new AccessLogConfig(true, format, out);
    }

    /** {@code trustForwardedFrom}: address blocks ({@code 10.0.0.0/8}, {@code ::1}); {@code []} trusts no peer. */
    List<Cidr> trustedPeers(Entry e, String path, List<Cidr> dflt) {
        if (e == null) {
            return dflt;
        }
        List<Node> items = e.value() instanceof ListNode l ? l.items() : List.of(e.value());
        List<Cidr> out = new ArrayList<>();
        for (Node n : items) {
            if (!(n instanceof Scalar s) || s.text() == null) {
                problems.add(n.line(), path, "expected an address block like 10.0.0.0/8, got " + describe(n)
                        + " (a list of blocks, or [] to trust no peer)");
                continue;
            }
            try {
                out.add(Cidr.parse(s.text()));
            } catch (IllegalArgumentException ex) {
                problems.add(n.line(), path, ex.getMessage() + " (a list of blocks, or [] to trust no peer)");
            }
        }
        return out;
    }

    Limits limits(Entry e, String path) {
        Limits d = Limits.DEFAULT;
        if (e == null) {
            return d;
        }
        MapNode m = map(e.value(), path);
        if (m == null) {
            return d;
        }
        keys(m, path, LIMITS);
        Map<String, Entry> x = m.entries();
        int header = (int) size(x.get("maxHeaderSize"), path + ".maxHeaderSize", d.maxHeaderSize(), 1024, 1 << 20);
        int line = (int) size(x.get("maxRequestLine"), path + ".maxRequestLine", d.maxRequestLine(), 256, 1 << 20);
        Duration headerTimeout = duration(x.get("headerTimeout"), path + ".headerTimeout", d.headerTimeout());
        Duration idle = duration(x.get("idleTimeout"), path + ".idleTimeout", d.idleTimeout());
        Duration request = duration(x.get("requestTimeout"), path + ".requestTimeout", d.requestTimeout());
        int conns = integer(x.get("maxConnections"), path + ".maxConnections", d.maxConnections(), 1, 1_000_000);
        int streams = integer(x.get("maxConcurrentStreams"), path + ".maxConcurrentStreams", d.maxConcurrentStreams(), 1, 10_000);
        return new Limits(header, line, headerTimeout, idle, request, conns, streams);
    }

    private AdminConfig admin(Entry e) {
        if (e == null) {
            return null;
        }
        MapNode m = map(e.value(), "admin");
        if (m == null) {
            return null;
        }
        keys(m, "admin", ADMIN);
        return new AdminConfig(address(m.entries().get("listen"), "admin.listen"),
                m.entries().containsKey("token") ? AdminExposure.token(this, m.entries().get("token")) : null);
    }

    /** {@code errors: {detail: local|full|safe}}: who is told the detail of Forecourt's own error pages. */
    private ErrorsConfig errors(Entry e) {
        if (e == null) {
            return ErrorsConfig.DEFAULT;
        }
        MapNode m = map(e.value(), "errors");
        if (m == null) {
            return ErrorsConfig.DEFAULT;
        }
        keys(m, "errors", ordered("detail"));
        String detail = oneOf(m.entries().get("detail"), "errors.detail", ordered("local", "full", "safe"), "local");
        return new ErrorsConfig(ErrorsConfig.Detail.valueOf(detail.toUpperCase(java.util.Locale.ROOT)));
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
                    problems.add(line, "services." + s.name() + ".domains", "'" + d + "' is already a domain of service '"
                            + prev + "'; a Host must lead to one service");
                }
            }
        }
    }

    // ---- value readers: each reports its own problem and returns a default ----

    MapNode map(Node n, String path) {
        if (n instanceof MapNode m) {
            return m;
        }
        problems.add(n.line(), path, "expected a map (key: value, ...), got " + describe(n));
        return null;
    }

    ListNode list(Node n, String path) {
        if (n instanceof ListNode l) {
            return l;
        }
        problems.add(n.line(), path, "expected a list ([a, b] or '- a' lines), got " + describe(n));
        return null;
    }

    void keys(MapNode m, String path, Set<String> allowed) {
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                problems.add(e.line(), path.isEmpty() ? e.key() : path + "." + e.key(), "unknown key '" + e.key()
                        + "'" + NearMiss.hint(e.key(), allowed) + "; allowed here: " + (allowed.isEmpty() ? "(none)" : String.join(", ", allowed)));
            }
        }
    }

    String string(Entry e, String path) {
        if (e.value() instanceof Scalar s && s.text() != null) {
            return s.text();
        }
        problems.add(e.line(), path, "expected a text value, got " + describe(e.value()));
        return null;
    }

    List<String> strings(Entry e, String path) {
        List<String> out = new ArrayList<>();
        if (e.value() instanceof Scalar s && s.text() != null) {
            out.add(s.text());
            return out;
        }
        ListNode l = list(e.value(), path);
        if (l != null) {
            for (Node n : l.items()) {
                if (n instanceof Scalar s && s.text() != null) {
                    out.add(s.text());
                } else {
                    problems.add(n.line(), path, "expected a text value, got " + describe(n));
                }
            }
        }
        return out;
    }

    String address(Entry e, String path) {
        if (e == null) {
            return null;
        }
        String v = string(e, path);
        if (v == null) {
            return null;
        }
        String problem = Values.addressProblem(v, true);
        if (problem != null) {
            problems.add(e.line(), path, problem);
            return null;
        }
        return v;
    }

    Path file(MapNode m, String key, String path) {
        Entry e = m.entries().get(key);
        if (e == null) {
            problems.add(m.line(), path, "'" + key + "' is missing");
            return null;
        }
        String v = string(e, path + "." + key);
        if (v == null) {
            return null;
        }
        Path p = dir.resolve(v);
        if (!Files.isReadable(p)) {
            problems.add(e.line(), path + "." + key, "file " + p + " does not exist or can't be read");
            return null;
        }
        return p;
    }

    String oneOf(Entry e, String path, Set<String> allowed, String dflt) {
        if (e == null) {
            return dflt;
        }
        String v = string(e, path);
        if (v == null) {
            return dflt;
        }
        if (!allowed.contains(v)) {
            problems.add(e.line(), path, "'" + v + "' is not allowed" + NearMiss.hint(v, allowed) + "; allowed: "
                    + String.join(", ", allowed));
            return dflt;
        }
        return v;
    }

    boolean bool(Entry e, String path, boolean dflt) {
        if (e == null) {
            return dflt;
        }
        String v = string(e, path);
        if ("true".equals(v)) return true;
        if ("false".equals(v)) return false;
        if (v != null) {
            problems.add(e.line(), path, "'" + v + "' is not allowed; allowed: true, false");
        }
        return dflt;
    }

    Duration duration(Entry e, String path, Duration dflt) {
        if (e == null) {
            return dflt;
        }
        String v = string(e, path);
        if (v == null) {
            return dflt;
        }
        Duration d = Values.duration(v);
        if (d == null) {
            problems.add(e.line(), path, "'" + v + "' is not a duration; write a number and a unit: 250ms, 5s, 2m, 1h, 1d");
            return dflt;
        }
        return d;
    }

    int integer(Entry e, String path, int dflt, int min, int max) {
        if (e == null) {
            return dflt;
        }
        String v = string(e, path);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                problems.add(e.line(), path, i + " is out of range; allowed: " + min + " to " + max);
                return dflt;
            }
            return i;
        } catch (NumberFormatException ex) {
            problems.add(e.line(), path, "'" + v + "' is not a whole number (" + min + " to " + max + ")");
            return dflt;
        }
    }

    long size(Entry e, String path, long dflt, long min, long max) {
        if (e == null) {
            return dflt;
        }
        String v = string(e, path);
        if (v == null) {
            return dflt;
        }
        long s;
        try {
            s = Values.size(v);
        } catch (ArithmeticException ex) {
            s = -1;
        }
        if (s < 0) {
            problems.add(e.line(), path, "'" + v + "' is not a size; write bytes or a number and a unit: 64KiB, 8MiB, 1GiB");
            return dflt;
        }
        if (s < min || s > max) {
            problems.add(e.line(), path, v + " is out of range; allowed: " + min + " to " + max + " bytes");
            return dflt;
        }
        return s;
    }

    static String describe(Node n) {
        return switch (n) {
            case MapNode m -> "a map";
            case ListNode l -> "a list";
            case Scalar s -> s.text() == null ? "nothing (null)" : "'" + s.text() + "'";
        };
    }

    static Set<String> ordered(String... s) {
        return new LinkedHashSet<>(List.of(s));
    }
}
