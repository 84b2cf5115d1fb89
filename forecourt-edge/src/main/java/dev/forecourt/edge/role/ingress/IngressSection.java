package dev.forecourt.edge.role.ingress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingress role's part of a file: the services by name, and the ingress listeners in front of them (null when
 * the file has no {@code ingress} section).
 */
public record IngressSection(Map<String, ServiceConfig> services, IngressConfig ingress) {
    public static final IngressSection NONE = new IngressSection(Map.of(), null);

    public IngressSection {
        services = services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }
}
