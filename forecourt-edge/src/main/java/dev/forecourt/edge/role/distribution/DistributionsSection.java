package dev.forecourt.edge.role.distribution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The distribution role's part of a file: its distributions by name (policies and functions are read into them). */
public record DistributionsSection(Map<String, DistributionConfig> distributions) {
    public static final DistributionsSection NONE = new DistributionsSection(Map.of());

    public DistributionsSection {
        distributions = distributions == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    }
}
