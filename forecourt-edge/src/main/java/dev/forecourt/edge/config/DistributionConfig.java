package dev.forecourt.edge.config;

import dev.forecourt.http.Limits;
import java.util.List;
import java.util.Map;

/**
 * A CloudFront-style distribution: its listener, the Host values it answers to ({@code aliases}; empty: any), TLS,
 * origins, behaviors in order and the default one, its cache store, access log and limits.
 */
public record DistributionConfig(String name, String listen, List<String> aliases, TlsConfig tls,
                                 Map<String, OriginConfig> origins, List<BehaviorConfig> behaviors,
                                 BehaviorConfig defaultBehavior, CacheConfig cache, AccessLogConfig accessLog,
                                 Limits limits) {

    public DistributionConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        origins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(origins));
        behaviors = behaviors == null ? List.of() : List.copyOf(behaviors);
        if (cache == null) cache = CacheConfig.DEFAULT;
        if (accessLog == null) accessLog = AccessLogConfig.DEFAULT;
        if (limits == null) limits = Limits.DEFAULT;
    }
}
