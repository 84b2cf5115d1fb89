package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.ManagedPolicies;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distribution role's part of a file: its distributions by name (policies and functions are read into them), and
 * the cache policies by name, managed and the file's own ({@code cachePolicies:}), which an API's routes name too.
 */
public record DistributionsSection(Map<String, DistributionConfig> distributions, Map<String, CachePolicy> cachePolicies) {
    public static final DistributionsSection NONE = new DistributionsSection(Map.of(), ManagedPolicies.CACHE);

    public DistributionsSection {
        distributions = distributions == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        cachePolicies = cachePolicies == null ? ManagedPolicies.CACHE
                : Collections.unmodifiableMap(new LinkedHashMap<>(cachePolicies));
    }

    /** Distributions built in code: the managed cache policies only. */
    public DistributionsSection(Map<String, DistributionConfig> distributions) {
        this(distributions, ManagedPolicies.CACHE);
    }
}
