package dev.forecourt.edge.role.distribution;

import dev.forecourt.edge.Service;
import dev.forecourt.edge.cache.DiskTier;
import dev.forecourt.edge.cache.HttpCache;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.Fields;
import dev.forecourt.edge.config.Problems;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.config.Yaml;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.Role;
import dev.forecourt.http.ClientTls;
import dev.forecourt.http.Endpoint;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.ServerTls;
import dev.forecourt.http.UpstreamSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CDN distributions (CloudFront): a listener per distribution, behaviors by path naming policies and functions,
 * origins, and a cache with a memory and an optional disk tier. The cache outlives reloads.
 */
public final class DistributionRole implements Role<DistributionsSection> {
    public static final DistributionRole ROLE = new DistributionRole();
    /** Origins' names are looked up again this long after the last look-up (the JVM's DNS cache keeps 30 s too). */
    static final Duration ORIGIN_LOOKUP_EVERY = Duration.ofSeconds(30);
    /**
     * A distribution's listeners ask for loops that send files whole, and always get them: Forecourt's loopsFor binds
     * such a listener on the main loops only where {@code Transport.sendsFilesWhole} says they do, else on epoll loops
     * of its own. So its cache may always keep a memory tier's large bodies in memory-backed files (an API's cache
     * asks the main loops, which its listeners share, and which may be io_uring).
     */
    private static final boolean SENDS_FILES = true;

    private DistributionRole() {}

    @Override
    public String name() {
        return "distribution";
    }

    @Override
    public Set<String> sections() {
        return Fields.ordered("distributions", "cachePolicies", "originRequestPolicies", "responseHeadersPolicies",
                "functions");
    }

    @Override
    public DistributionsSection read(Yaml.MapNode root, Fields fields) {
        PolicyReader policies = new PolicyReader(fields, root);
        return new DistributionsSection(new DistributionReader(fields, policies)
                .read(root.entries().get("distributions")), policies.cachePolicies);
    }

    @Override
    public DistributionsSection empty() {
        return DistributionsSection.NONE;
    }

    @Override
    public void check(DistributionsSection config, Config whole, Yaml.MapNode root, Problems problems) {
        BehaviorOrder.check(root, problems);
        ViewerTls.check(root, problems);
        CorsCredentials.check(root, problems);
        ResolvePorts.check(root, config, whole.resolve(), problems);
    }

    @Override
    public List<Listening> listeners(DistributionsSection config) {
        List<Listening> out = new ArrayList<>();
        for (DistributionConfig d : config.distributions().values()) {
            String at = "distributions." + d.name();
            if (d.listen() != null) {
                out.add(new Listening(at + ".listen", "distribution '" + d.name() + "'", d.listen(), 80,
                        d.tls() != null && d.tlsListen() == null, false));
            }
            if (d.tlsListen() != null) {
                out.add(new Listening(at + ".tls.listen", "distribution '" + d.name() + "' (TLS)", d.tlsListen(), 443,
                        true, false));
            }
        }
        return out;
    }

    @Override
    public Map<String, AccessLogConfig> accessLogs(DistributionsSection config) {
        Map<String, AccessLogConfig> out = new LinkedHashMap<>();
        config.distributions().values().forEach(d -> out.put("distributions." + d.name() + ".accessLog", d.accessLog()));
        return out;
    }

    @Override
    public void assemble(DistributionsSection config, Assembly assembly) throws Exception {
        for (DistributionConfig d : config.distributions().values()) {
            distribution(d, assembly);
        }
    }

    /** A distribution: its cache, its origins' endpoints, and its listener's hop. */
    private static void distribution(DistributionConfig d, Assembly assembly) throws Exception {
        HttpCache cache = cache(d, assembly);
        Map<String, Service> origins = new LinkedHashMap<>();
        for (OriginConfig o : d.origins().values()) {
            origins.put(o.name(), origin(o, assembly));
        }
        AccessLog log = assembly.own(AccessLog.open(d.accessLog()));
        ServerTls tls = TlsConfig.server("distributions." + d.name() + ".tls", d.tls());
        RequestHandler hop = assembly.hop("distribution", d.name(),
                Distribution.listener(d, Distribution.behaviors(d, cache, origins::get)), log, null, d.trustForwardedFrom());
        String key = "distribution-" + d.name();
        var listen = assembly.resolver().resolve(d.listen(), 80);
        if (d.tlsListen() == null) {
            assembly.listen(key, new ListenerSpec(key, listen, tls, d.limits()), hop, SENDS_FILES);
        } else { // listen stays cleartext, tls.listen speaks TLS: somewhere for redirect-to-https to send viewers
            assembly.listen(key, new ListenerSpec(key, listen, null, d.limits()), hop, SENDS_FILES);
            assembly.listen(key + "-tls", new ListenerSpec(key + "-tls",
                    assembly.resolver().resolve(d.tlsListen(), 443), tls, d.limits()), hop, SENDS_FILES);
        }
    }

    /** The distribution's cache, which the admin's invalidations reach by the distribution's name. */
    private static HttpCache cache(DistributionConfig d, Assembly assembly) throws IOException {
        HttpCache cache = keptCache(d.name(), d.cache(), assembly, SENDS_FILES);
        assembly.cache(d.name(), cache);
        return cache;
    }

    /**
     * A cache kept across a reload while its block is unchanged ({@code name}: a distribution's, or {@code api/NAME}
     * for an API's), with its gauges; one disk tier per directory. {@code sendsFiles}: its listeners send files whole
     * (see {@link HttpCache}).
     */
    public static HttpCache keptCache(String name, CacheConfig cc, Assembly assembly, boolean sendsFiles)
            throws IOException {
        HttpCache cache;
        try {
            // one tier per directory, whatever else changed (its size is applied to the kept one)
            Path dir = cc.diskPath() == null ? null : cc.diskPath().toAbsolutePath().normalize();
            DiskTier tier = dir == null ? null : assembly.keep("disk/" + dir, dir, () -> newDiskTier(cc));
            if (tier != null) {
                tier.budget(cc.diskBytes());
            }
            cache = assembly.keep("cache/" + name, cc, () -> new HttpCache(cc.memoryBytes(), cc.maxObjectBytes(), tier,
                    assembly.clock(), sendsFiles));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assembly.gauge(() -> assembly.metrics().cacheBytes(name, "memory", cache::memoryBytes));
        assembly.gauge(() -> assembly.metrics().cacheBytes(name, "inflight", cache::inflightBytes)); // misses under way
        DiskTier disk = cache.disk();
        if (disk != null) {
            assembly.gauge(() -> assembly.metrics().cacheBytes(name, "disk", disk::bytes));
        }
        return cache;
    }

    private static DiskTier newDiskTier(CacheConfig cc) {
        try {
            return new DiskTier(cc.diskPath(), cc.diskBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An origin: an endpoint per protocol it allows, each looked up again every {@link #ORIGIN_LOOKUP_EVERY}. */
    private static Service origin(OriginConfig o, Assembly assembly) throws Exception {
        UpstreamSettings settings = new UpstreamSettings(o.connectTimeout(), o.readTimeout(), o.keepAliveTimeout(),
                UpstreamSettings.DEFAULT.maxIdlePerLoop(), null);
        Endpoint http = null;
        Endpoint https = null;
        if (!o.protocolPolicy().equals("https-only")) {
            http = assembly.own(Endpoint.resolving(o.domain() + ":" + o.httpPort(),
                    () -> assembly.resolver().resolve(o.domain(), o.httpPort()), ORIGIN_LOOKUP_EVERY, settings));
        }
        if (!o.protocolPolicy().equals("http-only")) {
            https = assembly.own(Endpoint.resolving(o.domain() + ":" + o.httpsPort(),
                    () -> assembly.resolver().resolve(o.domain(), o.httpsPort()), ORIGIN_LOOKUP_EVERY,
                    settings.withTls(ClientTls.of(o.domain(), o.caFile(), true, o.sslProtocols()))));
        }
        return Distribution.origin(http, https);
    }
}
