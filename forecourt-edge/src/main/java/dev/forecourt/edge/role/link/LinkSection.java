package dev.forecourt.edge.role.link;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The link role's part of a file: its links by name. */
public record LinkSection(Map<String, LinkConfig> links) {
    public static final LinkSection NONE = new LinkSection(Map.of());

    public LinkSection {
        links = links == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(links));
    }
}
