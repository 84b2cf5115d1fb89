package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Configs;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.AdminConfig;
import dev.forecourt.edge.role.distribution.BehaviorConfig;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.distribution.OriginConfig;
import dev.forecourt.edge.policy.CachePolicy;
import dev.forecourt.edge.policy.ManagedPolicies;
import dev.forecourt.edge.policy.OriginRequestPolicy;
import dev.forecourt.http.Limits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Configurations of one distribution for tests, and a client for it. */
final class Distributions {
    private Distributions() {}

    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static CachePolicy cachePolicy(String name) {
        return ManagedPolicies.CACHE.get(name);
    }

    static OriginRequestPolicy orp(String name) {
        return ManagedPolicies.ORIGIN_REQUEST.get(name);
    }

    static OriginConfig origin(String domain, int port) {
        return new OriginConfig("origin", domain, port, 443, "http-only", null, null, Duration.ofSeconds(2),
                Duration.ofSeconds(5), null, Map.of(), "");
    }

    /** The RFC-following behavior: origin's Cache-Control, query strings in the key, every viewer header forwarded. */
    static BehaviorConfig rfc() {
        return new BehaviorConfig(null, "origin", List.of("*"), null, null,
                cachePolicy("UseOriginCacheControlHeaders-QueryStrings"), orp("AllViewer"), null, null);
    }

    static DistributionConfig distribution(OriginConfig origin, BehaviorConfig dflt, List<BehaviorConfig> behaviors,
                                           List<String> aliases, CacheConfig cache) {
        return new DistributionConfig("edge", "127.0.0.1:0", aliases, null, Map.of("origin", origin), behaviors, dflt,
                cache, AccessLogConfig.OFF, Limits.DEFAULT);
    }

    static Config config(DistributionConfig d) {
        return config(d, Map.of());
    }

    static Config config(DistributionConfig d, Map<String, String> resolve) {
        return Configs.of(Path.of("test.yaml"), resolve, Map.of(), null, new AdminConfig("127.0.0.1:0"),
                Map.of(d.name(), d));
    }

    static HttpResponse<String> send(int port, String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
