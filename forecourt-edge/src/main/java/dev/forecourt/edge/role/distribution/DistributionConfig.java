package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.TlsConfig;

import dev.forecourt.http.Limits;
import java.util.List;
import java.util.Map;

/**
 * A CloudFront-style distribution: its listener, the Host values it answers to ({@code aliases}; empty: any), TLS,
 * origins, behaviors in order and the default one, its cache store, access log and limits, and its custom error
 * responses (how long errors are kept, which page replaces them).
 * {@code trustForwardedFrom}: the peers whose forwarding headers are kept; by default none, since a distribution is
 * the first hop, and what a viewer sends as {@code X-Forwarded-Host} is only a claim.
 */
public record DistributionConfig(String name, String listen, List<String> aliases, TlsConfig tls,
                                 Map<String, OriginConfig> origins, List<BehaviorConfig> behaviors,
                                 BehaviorConfig defaultBehavior, CacheConfig cache, AccessLogConfig accessLog,
                                 Limits limits, List<Cidr> trustForwardedFrom,
                                 List<CustomErrorResponse> customErrorResponses, String tlsListen) {

    /** {@code tlsListen}: with {@code tls}, a second listener that speaks TLS while {@code listen} stays cleartext. */
    public DistributionConfig(String name, String listen, List<String> aliases, TlsConfig tls,
                              Map<String, OriginConfig> origins, List<BehaviorConfig> behaviors,
                              BehaviorConfig defaultBehavior, CacheConfig cache, AccessLogConfig accessLog,
                              Limits limits, List<Cidr> trustForwardedFrom, List<CustomErrorResponse> customErrorResponses) {
        this(name, listen, aliases, tls, origins, behaviors, defaultBehavior, cache, accessLog, limits,
                trustForwardedFrom, customErrorResponses, null);
    }

    /** A distribution trusts no peer: it is where viewers connect. */
    public static final List<Cidr> DEFAULT_TRUST = List.of();

    public DistributionConfig(String name, String listen, List<String> aliases, TlsConfig tls,
                              Map<String, OriginConfig> origins, List<BehaviorConfig> behaviors,
                              BehaviorConfig defaultBehavior, CacheConfig cache, AccessLogConfig accessLog, Limits limits) {
        this(name, listen, aliases, tls, origins, behaviors, defaultBehavior, cache, accessLog, limits, null);
    }

    public DistributionConfig(String name, String listen, List<String> aliases, TlsConfig tls,
                              Map<String, OriginConfig> origins, List<BehaviorConfig> behaviors,
                              BehaviorConfig defaultBehavior, CacheConfig cache, AccessLogConfig accessLog, Limits limits,
                              List<Cidr> trustForwardedFrom) {
        this(name, listen, aliases, tls, origins, behaviors, defaultBehavior, cache, accessLog, limits,
                trustForwardedFrom, null);
    }

    public DistributionConfig {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        origins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(origins));
        behaviors = behaviors == null ? List.of() : List.copyOf(behaviors);
        if (cache == null) cache = CacheConfig.DEFAULT;
        if (accessLog == null) accessLog = AccessLogConfig.DEFAULT;
        if (limits == null) limits = Limits.DEFAULT;
        trustForwardedFrom = trustForwardedFrom == null ? DEFAULT_TRUST : List.copyOf(trustForwardedFrom);
        customErrorResponses = customErrorResponses == null ? List.of() : List.copyOf(customErrorResponses);
    }
}
