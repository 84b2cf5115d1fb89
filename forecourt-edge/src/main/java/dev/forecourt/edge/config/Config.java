package dev.forecourt.edge.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole configuration file, as the vocabulary of ARCHITECTURE.md section 4 names it: what every role shares
 * ({@code resolve}, {@code admin}, {@code errors}, {@code cluster}: null when absent) and each role's own part, by the role's name (a role reads its
 * part with {@code Role.of(config)}). Addresses are {@code host:port} strings, resolved at start through
 * {@code resolve}.
 */
public record Config(Path source, Map<String, String> resolve, AdminConfig admin, ErrorsConfig errors,
                     ClusterConfig cluster, Map<String, Object> sections) {

    public Config {
        resolve = resolve == null ? Map.of() : Map.copyOf(resolve);
        if (errors == null) errors = ErrorsConfig.DEFAULT;
        sections = sections == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    /** A configuration with no role's part yet. */
    public static Config of(Path source, Map<String, String> resolve, AdminConfig admin, ErrorsConfig errors) {
        return of(source, resolve, admin, errors, null);
    }

    /** A configuration with no role's part yet, in a cluster ({@code cluster} null: this process alone). */
    public static Config of(Path source, Map<String, String> resolve, AdminConfig admin, ErrorsConfig errors,
                            ClusterConfig cluster) {
        return new Config(source, resolve, admin, errors, cluster, Map.of());
    }

    /** This configuration with role {@code role}'s part replaced (see {@code Role.in}). */
    public Config with(String role, Object section) {
        Map<String, Object> s = new LinkedHashMap<>(sections);
        s.put(role, section);
        return new Config(source, resolve, admin, errors, cluster, s);
    }
}
