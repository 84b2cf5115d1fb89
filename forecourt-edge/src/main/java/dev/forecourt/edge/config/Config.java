package dev.forecourt.edge.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * A whole configuration file, as the vocabulary of ARCHITECTURE.md section 4 names it. Sections not configured
 * are null (or empty maps). Addresses are {@code host:port} strings, resolved at start through {@code resolve}.
 */
public record Config(Path source, Map<String, String> resolve, Map<String, ServiceConfig> services,
                     IngressConfig ingress, AdminConfig admin, Map<String, DistributionConfig> distributions,
                     ErrorsConfig errors) {

    public Config(Path source, Map<String, String> resolve, Map<String, ServiceConfig> services, IngressConfig ingress,
                  AdminConfig admin, Map<String, DistributionConfig> distributions) {
        this(source, resolve, services, ingress, admin, distributions, ErrorsConfig.DEFAULT);
    }

    public Config(Path source, Map<String, String> resolve, Map<String, ServiceConfig> services, IngressConfig ingress,
                  AdminConfig admin) {
        this(source, resolve, services, ingress, admin, Map.of());
    }

    public Config {
        distributions = distributions == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(distributions));
        resolve = resolve == null ? Map.of() : Map.copyOf(resolve);
        services = services == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        if (errors == null) errors = ErrorsConfig.DEFAULT;
    }
}
