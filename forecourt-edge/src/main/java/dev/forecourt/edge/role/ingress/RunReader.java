package dev.forecourt.edge.role.ingress;

import static dev.forecourt.edge.config.Fields.ordered;

import dev.forecourt.edge.config.Durations;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Yaml.Entry;
import dev.forecourt.edge.config.Yaml.MapNode;
import dev.forecourt.edge.config.Yaml.Scalar;
import dev.forecourt.edge.process.Executables;
import dev.forecourt.edge.process.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code services.NAME.run}: the command and its environment, where it runs, its port, how many instances
 * and how they are started and stopped. Each key's default is {@link RunConfig}'s; every problem has its line.
 */
final class RunReader {
    static final Set<String> KEYS = ordered("command", "env", "workingDir", "port", "min", "max", "maxConcurrency",
            "startTimeout", "drainTimeout", "cooldown");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_INSTANCES = 100;

    private final Fields f;

    RunReader(Fields f) {
        this.f = f;
    }

    /** The run block at {@code e}, or null when it is too broken to run (its problems said). */
    RunConfig read(Entry e, String path) {
        MapNode m = f.map(e.value(), path);
        if (m == null) {
            return null;
        }
        f.keys(m, path, KEYS);
        Map<String, Entry> x = m.entries();
        Path dir = workingDir(x.get("workingDir"), path + ".workingDir");
        List<String> command = command(m, dir, path);
        Map<String, String> env = env(x.get("env"), path + ".env");
        int port = port(x.get("port"), path + ".port");
        int min = f.integer(x.get("min"), path + ".min", RunConfig.MIN, 1, MAX_INSTANCES);
        // a fixed port fits one instance at a time: there max is 1 unless the file says otherwise (an error, below)
        int max = f.integer(x.get("max"), path + ".max", port == RunConfig.AUTO_PORT ? Math.max(min, RunConfig.MAX) : 1,
                1, MAX_INSTANCES);
        if (min > max) {
            Entry at = x.containsKey("max") ? x.get("max") : x.get("min");
            f.problems.add(at.line(), path + ".max", max + " is less than min " + min);
        }
        if (port != RunConfig.AUTO_PORT && max > 1) {
            f.problems.add(x.get("max").line(), path + ".port",
                    "a fixed port fits one instance at a time, but max is " + max + ": write port: auto (each instance"
                            + " gets a free port in PORT), or max: 1");
        }
        int concurrency = f.integer(x.get("maxConcurrency"), path + ".maxConcurrency", RunConfig.MAX_CONCURRENCY, 1, 10_000);
        Duration start = positive(x.get("startTimeout"), path + ".startTimeout", RunConfig.START_TIMEOUT);
        Duration drain = positive(x.get("drainTimeout"), path + ".drainTimeout", RunConfig.DRAIN_TIMEOUT);
        Duration cooldown = positive(x.get("cooldown"), path + ".cooldown", RunConfig.COOLDOWN);
        if (command == null) {
            return null;
        }
        return new RunConfig(command, env, dir, port, min, max, concurrency, start, drain, cooldown);
    }

    private Path workingDir(Entry e, String path) {
        if (e == null) {
            return f.dir;
        }
        String v = f.string(e, path);
        if (v == null) {
            return f.dir;
        }
        Path p = f.dir.resolve(v).normalize();
        if (!Files.isDirectory(p)) {
            f.problems.add(e.line(), path, p + " is not a directory");
            return f.dir;
        }
        return p;
    }

    private List<String> command(MapNode m, Path dir, String path) {
        Entry e = m.entries().get("command");
        if (e == null) {
            f.problems.add(m.line(), path, "'command' is missing: what starts one instance, e.g. [python3, app.py]");
            return null;
        }
        if (e.value() instanceof Scalar s && s.text() != null && s.text().contains(" ")) {
            f.problems.add(e.line(), path + ".command", "write the command as a list, one argument each (no shell"
                    + " splits it): [" + String.join(", ", s.text().trim().split("\\s+")) + "]");
            return null;
        }
        List<String> command = f.strings(e, path + ".command");
        if (command.isEmpty()) {
            f.problems.add(e.line(), path + ".command", "is empty: give the program and its arguments, e.g. [python3, app.py]");
            return null;
        }
        String program = command.get(0);
        if (Executables.find(program, dir) == null) {
            f.problems.add(e.line(), path + ".command", "'" + program + "' is " + (program.contains("/")
                    ? "not an executable file in " + dir : "no executable file on the PATH")
                    + "; a program with a '/' is found from workingDir, one without on the PATH");
            return null;
        }
        return command;
    }

    private Map<String, String> env(Entry e, String path) {
        Map<String, String> env = new LinkedHashMap<>();
        MapNode m = e == null ? null : f.map(e.value(), path);
        if (m == null) {
            return env;
        }
        for (Entry v : m.entries().values()) {
            String value = f.string(v, path + "." + v.key());
            if (!ENV_NAME.matcher(v.key()).matches()) {
                f.problems.add(v.line(), path + "." + v.key(), "'" + v.key() + "' is no environment variable name"
                        + " (letters, digits and _, not starting with a digit)");
            } else if (v.key().equals("PORT")) {
                f.problems.add(v.line(), path + ".PORT", "PORT is set by Forecourt: each instance's own port (see port)");
            } else if (value != null) {
                env.put(v.key(), value);
            }
        }
        return env;
    }

    private int port(Entry e, String path) {
        if (e == null || e.value() instanceof Scalar s && "auto".equals(s.text())) {
            return RunConfig.AUTO_PORT;
        }
        return f.integer(e, path, RunConfig.AUTO_PORT, 1, 65535);
    }

    private Duration positive(Entry e, String path, Duration dflt) {
        Duration d = f.duration(e, path, dflt);
        if (d.isZero() || d.isNegative()) {
            f.problems.add(e.line(), path, Durations.text(d) + " is too short: it must be more than 0");
            return dflt;
        }
        return d;
    }
}
