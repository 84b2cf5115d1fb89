package dev.forecourt.edge.policy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cloud's managed cache and origin request policies, by their names and documented settings. One deliberate
 * reading: the {@code UseOriginCacheControlHeaders} pair gives a response without explicit freshness RFC 9111's
 * heuristic lifetime (the cloud's "default TTL 0" would not cache it), since honouring the origin is their point.
 */
public final class ManagedPolicies {
    private ManagedPolicies() {}

    private static final Duration YEAR = Duration.ofDays(365);
    private static final Selection ORIGIN_HEADERS = Selection.only("host", "origin", "x-http-method-override",
            "x-http-method", "x-method-override");

    public static final Map<String, CachePolicy> CACHE = index(
            new CachePolicy("CachingOptimized", new Ttl(Duration.ofSeconds(1), Duration.ofDays(1), YEAR),
                    Selection.NONE, Selection.NONE, Selection.NONE, true, true),
            new CachePolicy("CachingOptimizedForUncompressedObjects", new Ttl(Duration.ofSeconds(1), Duration.ofDays(1), YEAR),
                    Selection.NONE, Selection.NONE, Selection.NONE, false, false),
            new CachePolicy("CachingDisabled", new Ttl(Duration.ZERO, Duration.ZERO, Duration.ZERO),
                    Selection.NONE, Selection.NONE, Selection.NONE, false, false),
            new CachePolicy("UseOriginCacheControlHeaders", new Ttl(Duration.ZERO, null, YEAR),
                    ORIGIN_HEADERS, Selection.ALL, Selection.NONE, true, true),
            new CachePolicy("UseOriginCacheControlHeaders-QueryStrings", new Ttl(Duration.ZERO, null, YEAR),
                    ORIGIN_HEADERS, Selection.ALL, Selection.ALL, true, true),
            new CachePolicy("Elemental-MediaPackage", new Ttl(Duration.ZERO, Duration.ofDays(1), YEAR),
                    Selection.only("origin"), Selection.NONE,
                    Selection.exactly("aws.manifestfilter", "start", "end", "m"), true, false));

    public static final Map<String, OriginRequestPolicy> ORIGIN_REQUEST = index(
            new OriginRequestPolicy("AllViewer", Selection.ALL, Selection.ALL, Selection.ALL),
            new OriginRequestPolicy("AllViewerExceptHostHeader", new Selection(Selection.Kind.ALL_EXCEPT,
                    java.util.Set.of("host")), Selection.ALL, Selection.ALL),
            new OriginRequestPolicy("AllViewerAndCloudFrontHeaders-2022-06", Selection.ALL, Selection.ALL, Selection.ALL),
            new OriginRequestPolicy("CORS-S3Origin", Selection.only("origin", "access-control-request-headers",
                    "access-control-request-method"), Selection.NONE, Selection.NONE),
            new OriginRequestPolicy("CORS-CustomOrigin", Selection.only("origin"), Selection.NONE, Selection.NONE),
            new OriginRequestPolicy("UserAgentRefererHeaders", Selection.only("user-agent", "referer"),
                    Selection.NONE, Selection.ALL),
            new OriginRequestPolicy("HostHeaderOnly", Selection.only("host"), Selection.NONE, Selection.NONE));

    private static <T extends Record> Map<String, T> index(T... policies) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T p : policies) {
            String name = p instanceof CachePolicy c ? c.name() : ((OriginRequestPolicy) p).name();
            m.put(name, p);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
