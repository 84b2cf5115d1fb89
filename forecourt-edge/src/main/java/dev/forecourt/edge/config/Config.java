package dev.forecourt.edge.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A whole configuration file, as the vocabulary of ARCHITECTURE.md section 4 names it. Sections not configured
 * are null (or empty maps). Addresses are {@code host:port} strings, resolved at start through {@code resolve}.
 */
public record Config(Path source, Map<String, String> resolve, Map<String, ServiceConfig> services,
                     IngressConfig ingress, AdminConfig admin) {

    public Config {
        resolve = resolve == null ? Map.of() : Map.copyOf(resolve);
        services = services == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
    }
}
