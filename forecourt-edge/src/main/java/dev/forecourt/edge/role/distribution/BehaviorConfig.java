package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.function.EdgeFunction;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.OriginRequestPolicy;
import dev.forecourt.edge.policy.ResponseHeadersPolicy;
import java.util.List;
import java.util.Map;

/**
 * A cache behavior: the path pattern it takes ({@code *} and {@code ?}; null for the default behavior), its
 * origin, which methods are allowed and which cached, what viewers on plain HTTP get, its policies (resolved from
 * their names) and the functions at each event.
 */
public record BehaviorConfig(String pathPattern, String origin, List<String> allowedMethods,
                             List<String> cachedMethods, String viewerProtocolPolicy, CachePolicy cachePolicy,
                             OriginRequestPolicy originRequestPolicy, ResponseHeadersPolicy responseHeadersPolicy,
                             Map<EdgeFunction.Event, EdgeFunction> functions) {

    public BehaviorConfig {
        allowedMethods = allowedMethods == null ? List.of("GET", "HEAD") : List.copyOf(allowedMethods);
        cachedMethods = cachedMethods == null ? List.of("GET", "HEAD") : List.copyOf(cachedMethods);
        if (viewerProtocolPolicy == null) viewerProtocolPolicy = "allow-all";
        if (originRequestPolicy == null) originRequestPolicy = OriginRequestPolicy.NONE;
        functions = functions == null ? Map.of() : Map.copyOf(functions);
    }
}
