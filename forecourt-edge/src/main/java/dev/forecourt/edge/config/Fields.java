package dev.forecourt.edge.config;

import dev.forecourt.edge.route.HostPattern;

import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.ListNode;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.config.Yaml.Scalar;
import dev.forecourt.edge.observe.LogFormat;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ServerTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a role's reader reads with: value readers ({@code string}, {@code duration}, {@code size}, ...) and the
 * blocks every role shares ({@code tls}, {@code accessLog}, {@code limits}, {@code healthCheck}). Each reader
 * reports its own problem, with the file's line and the key's path, and returns a default: one {@code check}
 * names everything wrong, not just the first.
 */
public final class Fields {
    private static final Set<String> HEALTH = ordered("protocol", "path", "interval", "timeout", "healthyThreshold",
            "unhealthyThreshold");
    private static final Set<String> TLS = ordered("certificates", "minimumProtocol", "requireSni");
    private static final Set<String> CERT = ordered("cert", "key");
    private static final Set<String> ACCESS_LOG = ordered("format", "path");
    private static final Set<String> CACHE = ordered("memory", "maxObjectSize", "disk");
    private static final Set<String> DISK = ordered("path", "size");
    private static final Set<String> LIMITS = ordered("maxHeaderSize", "maxRequestLine", "headerTimeout", "idleTimeout",
            "requestTimeout", "maxConnections", "maxConcurrentStreams");

    /** The file's directory: relative paths in it (certificates, logs, cache directories) are read from there. */
    public final Path dir;
    public final Problems problems;

    public Fields(Path file, Problems problems) {
        Path parent = file.toAbsolutePath().getParent();
        this.dir = parent == null ? Path.of(".") : parent;
        this.problems = problems;
    }

    public TlsConfig tls(Entry e, String path) {
        return tls(e, path, Set.of());
    }

    /** {@code extra}: keys a role reads from its tls block beside these (a distribution's {@code listen}). */
    public TlsConfig tls(Entry e, String path, Set<String> extra) {
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
        return new TlsConfig(certs, min, bool(m.entries().get("requireSni"), path + ".requireSni", false));
    }

    /** A hop's access log: one line per request. */
    public AccessLogConfig accessLog(Entry e, String path) {
        return accessLog(e, path, AccessLogConfig.DEFAULT, LogFormat::compile);
    }

    /**
     * An access log with the defaults {@code d}, whose {@code format} {@code compile} judges (it throws
     * IllegalArgumentException saying what is wrong): a link logs connections, not requests.
     */
    public AccessLogConfig accessLog(Entry e, String path, AccessLogConfig d, Consumer<String> compile) {
        AccessLogConfig off = new AccessLogConfig(false, d.format(), d.path());
        if (e == null) {
            return d;
        }
        if (e.value() instanceof Scalar s) {
            if ("off".equals(s.text()) || "false".equals(s.text())) {
                return off;
            }
            if ("on".equals(s.text()) || "true".equals(s.text())) {
                return d;
            }
            problems.add(s.line(), path, "expected off, on, or {format: ..., path: ...}");
            return d;
        }
        MapNode m = map(e.value(), path);
        if (m == null) {
            return d;
        }
        keys(m, path, ACCESS_LOG);
        String format = d.format();
        Entry fe = m.entries().get("format");
        if (fe != null) {
            String f = string(fe, path + ".format");
            if (f != null) {
                try {
                    compile.accept(f);
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
    public List<Cidr> trustedPeers(Entry e, String path, List<Cidr> dflt) {
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

    public Limits limits(Entry e, String path) {
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

    /** A cache's store ({@code cache:} of a distribution or an API): memory, largest object, optional disk tier. */
    public CacheConfig cache(Entry e, String path) {
        CacheConfig d = CacheConfig.DEFAULT;
        if (e == null) return d;
        MapNode m = map(e.value(), path);
        if (m == null) return d;
        keys(m, path, CACHE);
        Map<String, Entry> x = m.entries();
        long memory = size(x.get("memory"), path + ".memory", d.memoryBytes(), 1 << 20, 1L << 40);
        long maxObject = size(x.get("maxObjectSize"), path + ".maxObjectSize", Math.min(d.maxObjectBytes(), memory / 8),
                1, Integer.MAX_VALUE);
        if (maxObject > memory) { // an object is copied into memory as it arrives (disk tier or not)
            problems.add(x.get("maxObjectSize").line(), path + ".maxObjectSize", ByteSize.binary(maxObject) + " is larger"
                    + " than memory " + ByteSize.binary(memory) + ": objects are copied into memory as they arrive, so none"
                    + " larger than memory is ever stored. Fix: maxObjectSize at most " + ByteSize.binary(memory)
                    + " (an eighth of memory leaves room for others), or more memory");
        }
        Path disk = null;
        long diskBytes = 0;
        if (x.containsKey("disk")) {
            MapNode dm = map(x.get("disk").value(), path + ".disk");
            if (dm != null) {
                keys(dm, path + ".disk", DISK);
                String p = dm.entries().containsKey("path") ? string(dm.entries().get("path"), path + ".disk.path") : null;
                if (p == null) {
                    problems.add(dm.line(), path + ".disk", "'path' is missing: a directory for the cache files");
                } else {
                    disk = dir.resolve(p);
                }
                diskBytes = size(dm.entries().get("size"), path + ".disk.size", 1L << 30, 1 << 20, 1L << 50);
            }
        }
        return new CacheConfig(memory, maxObject, disk, diskBytes);
    }

    /** A service's health check (App Runner's: tcp or http, no port of its own). */
    public HealthCheckConfig healthCheck(Entry e, String path) {
        return healthCheck(e, path, HealthCheckConfig.DEFAULT, false);
    }

    /**
     * A health check with the defaults {@code d}; {@code targetGroup}: a load balancer's target group's, which may
     * also speak https, check another {@code port}, and say which statuses are healthy ({@code matcher}).
     */
    public HealthCheckConfig healthCheck(Entry e, String path, HealthCheckConfig d, boolean targetGroup) {
        if (e == null) {
            return d;
        }
        MapNode m = map(e.value(), path);
        if (m == null) {
            return d;
        }
        Set<String> allowed = new LinkedHashSet<>(HEALTH);
        if (targetGroup) {
            allowed.addAll(List.of("port", "matcher"));
        }
        keys(m, path, allowed);
        String protocol = oneOf(m.entries().get("protocol"), path + ".protocol",
                targetGroup ? ordered("tcp", "http", "https") : ordered("tcp", "http"), d.protocol());
        String hcPath = d.path();
        Entry pe = m.entries().get("path");
        if (pe != null) {
            String v = string(pe, path + ".path");
            if (v != null && !v.startsWith("/")) {
                problems.add(pe.line(), path + ".path", "must start with '/', got '" + v + "'");
            } else if (v != null && !Values.isPathAndQuery(v)) {
                problems.add(pe.line(), path + ".path", "'" + v + "' holds a character a URL can't (a space, a control"
                        + " character, a quote...): the check's request line would be refused. Fix: percent-encode it (%20)");
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
        Integer port = d.port();
        if (m.entries().containsKey("port")) {
            port = integer(m.entries().get("port"), path + ".port", 0, 1, 65535);
            port = port == 0 ? d.port() : port;
        }
        StatusMatcher matcher = d.matcher();
        Entry me = m.entries().get("matcher");
        if (me != null) {
            String v = string(me, path + ".matcher");
            try {
                matcher = v == null ? matcher : StatusMatcher.parse(v);
            } catch (IllegalArgumentException ex) {
                problems.add(me.line(), path + ".matcher", ex.getMessage());
            }
        }
        return new HealthCheckConfig(protocol, hcPath, interval, timeout, healthy, unhealthy, port, matcher);
    }

    /**
     * A section of named items ({@code services}, {@code distributions}, {@code links}): each entry read by
     * {@code item} (name, entry), in file order; the ones it returns null for (their problems said) left out.
     */
    public <T> Map<String, T> named(Entry e, String path, java.util.function.BiFunction<String, Entry, T> item) {
        Map<String, T> out = new java.util.LinkedHashMap<>();
        MapNode m = e == null ? null : map(e.value(), path);
        if (m == null) {
            return out;
        }
        for (Entry x : m.entries().values()) {
            T t = item.apply(x.key(), x);
            if (t != null) {
                out.put(x.key(), t);
            }
        }
        return out;
    }

    /** A section item's required {@code listen} address; when it is missing, says so with {@code example}. */
    public String listen(MapNode m, String path, String example) {
        if (!m.entries().containsKey("listen")) {
            problems.add(m.line(), path, "'listen' is missing: " + example);
            return null;
        }
        return address(m.entries().get("listen"), path + ".listen");
    }

    public MapNode map(Node n, String path) {
        if (n instanceof MapNode m) {
            return m;
        }
        problems.add(n.line(), path, "expected a map (key: value, ...), got " + describe(n));
        return null;
    }

    public ListNode list(Node n, String path) {
        if (n instanceof ListNode l) {
            return l;
        }
        problems.add(n.line(), path, "expected a list ([a, b] or '- a' lines), got " + describe(n));
        return null;
    }

    public void keys(MapNode m, String path, Set<String> allowed) {
        for (Entry e : m.entries().values()) {
            if (!allowed.contains(e.key())) {
                problems.add(e.line(), path.isEmpty() ? e.key() : path + "." + e.key(), "unknown key '" + e.key()
                        + "'" + NearMiss.hint(e.key(), allowed) + "; allowed here: " + (allowed.isEmpty() ? "(none)" : String.join(", ", allowed)));
            }
        }
    }

    public String string(Entry e, String path) {
        if (e.value() instanceof Scalar s && s.text() != null) {
            return s.text();
        }
        problems.add(e.line(), path, "expected a text value, got " + describe(e.value()));
        return null;
    }

    /**
     * Domains a listener answers to ({@link HostPattern}: exact, {@code *.example.org}, with a port): the well-formed
     * ones of {@code e}; each other is a problem at {@code path}. None when {@code e} is absent.
     */
    public List<String> domains(Entry e, String path) {
        List<String> out = new ArrayList<>();
        for (String d : e == null ? List.<String>of() : strings(e, path)) {
            try {
                new HostPattern(d);
                out.add(d);
            } catch (IllegalArgumentException ex) {
                problems.add(e.line(), path, ex.getMessage());
            }
        }
        return out;
    }

    public List<String> strings(Entry e, String path) {
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

    public String address(Entry e, String path) {
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

    public Path file(MapNode m, String key, String path) {
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

    public String oneOf(Entry e, String path, Set<String> allowed, String dflt) {
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

    public boolean bool(Entry e, String path, boolean dflt) {
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

    /** 100 years: CloudFront's longest TTL, and far inside what a clock in nanoseconds can add to now. */
    static final Duration LONGEST = Duration.ofDays(36_500);

    /** A CORS {@code maxAge}: whole seconds as the clouds write it ({@code 600}), or a duration ({@code 10m}). */
    public Duration seconds(Entry e, String path) {
        String v = e == null ? null : string(e, path);
        if (v == null) {
            return null; // absent, or not a scalar (string said so)
        }
        return v.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(v)) : duration(e, path, null);
    }

    public Duration duration(Entry e, String path, Duration dflt) {
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
        if (d.compareTo(LONGEST) > 0) {
            problems.add(e.line(), path, "'" + v + "' is longer than " + LONGEST.toDays() + "d, the longest duration taken"
                    + " (a timer's end must be a time the clock can name). Fix: at most " + LONGEST.toDays() + "d");
            return dflt;
        }
        return d;
    }

    public int integer(Entry e, String path, int dflt, int min, int max) {
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

    public long size(Entry e, String path, long dflt, long min, long max) {
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

    public static String describe(Node n) {
        return switch (n) {
            case MapNode m -> "a map";
            case ListNode l -> "a list";
            case Scalar s -> s.text() == null ? "nothing (null)" : "'" + s.text() + "'";
        };
    }

    public static Set<String> ordered(String... s) {
        return new LinkedHashSet<>(List.of(s));
    }}
