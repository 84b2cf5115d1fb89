package dev.forecourt.edge.role.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API role's part of a file: its HTTP APIs by name. */
public record ApiSection(Map<String, ApiConfig> apis) {
    public static final ApiSection NONE = new ApiSection(Map.of());

    public ApiSection {
        apis = apis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(apis));
    }
}
