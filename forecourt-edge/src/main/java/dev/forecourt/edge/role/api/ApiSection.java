package dev.forecourt.edge.role.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API role's part of a file: its HTTP APIs by name, and the custom domain names that map paths to them. */
public record ApiSection(Map<String, ApiConfig> apis, Map<String, DomainNameConfig> domainNames) {
    public static final ApiSection NONE = new ApiSection(Map.of(), Map.of());

    public ApiSection {
        apis = apis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(apis));
        domainNames = domainNames == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(domainNames));
    }
}
