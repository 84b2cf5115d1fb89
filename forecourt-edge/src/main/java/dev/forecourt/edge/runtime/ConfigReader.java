package dev.forecourt.edge.runtime;

import static dev.forecourt.edge.config.Fields.ordered;

import dev.forecourt.edge.admin.AdminExposure;
import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.config.Checked;
import dev.forecourt.edge.config.ClusterConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.config.ErrorsConfig;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Lines;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.Values;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Node;
import dev.forecourt.edge.config.ZeroTimeouts;
import dev.forecourt.edge.role.Role;
import dev.forecourt.edge.role.Roles;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a configuration file: what every role shares ({@code resolve}, {@code admin}, {@code errors},
 * {@code cluster}), then each
 * role's sections by its own reader, then the rules over the whole. Every unknown key, bad value and dangling
 * reference is collected (not just the first) and reported with file:line and what is allowed.
 */
public final class ConfigReader {
    private static final Set<String> TOP = top();
    private static final Set<String> LATER = ordered(); // sections of the vocabulary no role reads yet
    private static final Set<String> ADMIN = ordered("listen", "token");
    private static final Set<String> CLUSTER = ordered("redis", "failMode");

    private final Path file;
    private final Problems problems;
    private final Fields f;

    private ConfigReader(Path file) {
        this.file = file;
        this.problems = new Problems(file);
        this.f = new Fields(file, problems);
    }

    /** The file's top-level keys: the shared ones around each role's sections, in the order of {@link Roles#ALL}. */
    private static Set<String> top() {
        Set<String> top = ordered("resolve");
        Roles.ALL.forEach(r -> top.addAll(r.sections()));
        top.addAll(List.of("admin", "errors", "cluster"));
        return top;
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
        MapNode m = f.map(root, "");
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
        f.keys(m, "", allowed);
        Config c = Config.of(file, resolve(m.entries().get("resolve")), admin(m.entries().get("admin")),
                errors(m.entries().get("errors")), cluster(m.entries().get("cluster")));
        for (Role<?> role : Roles.ALL) {
            c = c.with(role.name(), role.read(m, f));
        }
        // the rules run even when reading found problems, so that one check names everything it can
        for (Role<?> role : Roles.ALL) {
            check(role, c, m);
        }
        ZeroTimeouts.check(m, problems);
        AdminExposure.check(m, c, problems);
        return c;
    }

    private <C> void check(Role<C> role, Config c, MapNode root) {
        role.check(role.of(c), c, root, problems);
    }

    // ---- what every role shares ----

    private Map<String, String> resolve(Entry e) {
        Map<String, String> out = new LinkedHashMap<>();
        if (e == null) {
            return out;
        }
        MapNode m = f.map(e.value(), "resolve");
        if (m == null) {
            return out;
        }
        for (Entry r : m.entries().values()) {
            String v = f.string(r, "resolve." + r.key());
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

    private AdminConfig admin(Entry e) {
        if (e == null) {
            return null;
        }
        MapNode m = f.map(e.value(), "admin");
        if (m == null) {
            return null;
        }
        f.keys(m, "admin", ADMIN);
        return new AdminConfig(f.address(m.entries().get("listen"), "admin.listen"),
                m.entries().containsKey("token") ? AdminExposure.token(f, m.entries().get("token")) : null);
    }

    /** {@code errors: {detail: local|full|safe}}: who is told the detail of Forecourt's own error pages. */
    private ErrorsConfig errors(Entry e) {
        if (e == null) {
            return ErrorsConfig.DEFAULT;
        }
        MapNode m = f.map(e.value(), "errors");
        if (m == null) {
            return ErrorsConfig.DEFAULT;
        }
        f.keys(m, "errors", ordered("detail"));
        String detail = f.oneOf(m.entries().get("detail"), "errors.detail", ordered("local", "full", "safe"), "local");
        return new ErrorsConfig(ErrorsConfig.Detail.valueOf(detail.toUpperCase(Locale.ROOT)));
    }

    /** {@code cluster: {redis: URI, failMode: open|local|closed}}: shared state through Redis (null: none). */
    private ClusterConfig cluster(Entry e) {
        if (e == null) {
            return null;
        }
        MapNode m = f.map(e.value(), "cluster");
        if (m == null) {
            return null;
        }
        f.keys(m, "cluster", CLUSTER);
        Entry redis = m.entries().get("redis");
        if (redis == null) {
            problems.add(m.line(), "cluster.redis", "'redis' is missing (expected a URI, like redis://127.0.0.1:6379)");
            return null;
        }
        String uri = f.string(redis, "cluster.redis");
        if (uri == null) {
            return null;
        }
        String problem = redisUriProblem(uri);
        if (problem != null) {
            problems.add(redis.line(), "cluster.redis", problem + " (expected a URI, like redis://127.0.0.1:6379)");
            return null;
        }
        String mode = f.oneOf(m.entries().get("failMode"), "cluster.failMode", ordered("local", "open", "closed"), "local");
        return new ClusterConfig(uri, ClusterConfig.FailMode.valueOf(mode.toUpperCase(Locale.ROOT)));
    }

    private static String redisUriProblem(String uri) {
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            return "'" + uri + "' is not a redis:// or rediss:// URI";
        }
        try {
            java.net.URI u = new java.net.URI(uri);
            if (u.getHost() == null) {
                return "'" + uri + "' names no host";
            }
            if (u.getPort() > 65535) {
                return "'" + uri + "': port " + u.getPort() + " is beyond 65535";
            }
            String db = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
            if (!db.isEmpty() && !db.matches("[0-9]{1,5}")) {
                return "'" + uri + "': the path is a database number (redis://host:6379/0), not '" + db + "'";
            }
            return null;
        } catch (java.net.URISyntaxException x) {
            return "'" + uri + "' is not a URI: " + x.getReason();
        }
    }
}
