package dev.forecourt.edge;

import dev.forecourt.edge.app.Apps;
import dev.forecourt.edge.cache.DiskTier;
import dev.forecourt.edge.cache.HttpCache;
import dev.forecourt.edge.config.CacheConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.config.DistributionConfig;
import dev.forecourt.edge.config.ErrorsConfig;
import dev.forecourt.edge.config.OriginConfig;
import dev.forecourt.edge.config.IngressConfig;
import dev.forecourt.edge.config.InstanceConfig;
import dev.forecourt.edge.config.ServiceConfig;
import dev.forecourt.edge.distribution.Distribution;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.role.Admin;
import dev.forecourt.edge.role.Ingress;
import dev.forecourt.edge.route.HostPattern;
import dev.forecourt.edge.route.Router;
import dev.forecourt.edge.upstream.Balancer;
import dev.forecourt.edge.upstream.HealthChecker;
import dev.forecourt.edge.app.RunningApp;
import dev.forecourt.edge.upstream.Instance;
import dev.forecourt.edge.upstream.InstanceHealth;
import dev.forecourt.edge.upstream.UpstreamService;
import dev.forecourt.http.ClientTls;
import dev.forecourt.http.Endpoint;
import dev.forecourt.http.Limits;
import dev.forecourt.http.Listener;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.ServerTls;
import dev.forecourt.http.UpstreamSettings;
import io.micrometer.core.instrument.Meter;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything one configuration runs: its hops (by listener key), services with instances, health checkers and
 * embedded apps. A reload builds a new generation beside the old one, moves the listeners over, then closes the
 * old one once its requests are done.
 */
final class Generation implements AutoCloseable {
    /** What a listener key should run: its spec and its handler. */
    /** A listener to bind; {@code sendsFiles}: its answers are often whole files (a distribution's disk hits). */
    record Plan(ListenerSpec spec, RequestHandler handler, boolean sendsFiles) {
        Plan(ListenerSpec spec, RequestHandler handler) {
            this(spec, handler, false);
        }
    }

    final Map<String, Plan> plans = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<HealthChecker> checkers = new ArrayList<>();
    private final List<Meter> meters = new ArrayList<>();
    /**
     * Gauges, registered only when this generation goes live ({@link #startChecks}): one registered while it was
     * built would replace the running generation's, and a build or bind that then failed would leave none.
     */
    private final List<java.util.function.Supplier<Meter>> gauges = new ArrayList<>();
    private final Map<String, HttpCache> caches = new LinkedHashMap<>();
    private final Metrics metrics;

    private Generation(Metrics metrics) {
        this.metrics = metrics;
    }

    /** {@code kept}: what this generation may take over from the running one (begun by the caller). */
    static Generation build(Config config, EventLoopGroup group, Metrics metrics, AtomicInteger inFlight,
                            java.util.function.BooleanSupplier draining, Kept kept) throws Exception {
        Generation g = new Generation(metrics);
        g.kept = kept;
        try {
            g.assemble(config, group, inFlight, draining);
            return g;
        } catch (Exception | Error e) {
            g.close();
            throw e;
        }
    }

    private ErrorsConfig.Detail errorDetail = ErrorsConfig.Detail.LOCAL;
    private Kept kept;
    /** Origins' names are looked up again this long after the last look-up (the JVM's DNS cache keeps 30 s too). */
    static final java.time.Duration ORIGIN_LOOKUP_EVERY = java.time.Duration.ofSeconds(30);

    private void assemble(Config config, EventLoopGroup group, AtomicInteger inFlight,
                          java.util.function.BooleanSupplier draining) throws Exception {
        Resolver resolver = new Resolver(config.resolve());
        errorDetail = config.errors().detail();
        List<Router.VirtualHost> publicHosts = new ArrayList<>();
        List<Router.VirtualHost> allHosts = new ArrayList<>();
        for (ServiceConfig s : config.services().values()) {
            Router.VirtualHost vh = new Router.VirtualHost(s.name(), s.domains().stream().map(HostPattern::new).toList(),
                    Ingress.service(upstreamOf(s, resolver, group)));
            allHosts.add(vh);
            if (s.isPublic()) {
                publicHosts.add(vh);
            }
        }
        IngressConfig ic = config.ingress();
        if (ic != null) {
            AccessLog log = AccessLog.open(ic.accessLog());
            closeables.add(log);
            ServerTls tls = serverTls("ingress.tls", ic.tls());
            if (ic.listen() != null) {
                InetSocketAddress a = resolver.resolve(ic.listen(), 80);
                Hop hop = new Hop("ingress", "public", Ingress.listener(ic.server(), ic.trustForwardedFrom(),
                        new Router(publicHosts, "the public ingress listener " + ic.listen())),
                        log, metrics.hop("ingress/public"), ic.server(), inFlight, errorDetail);
                plans.put("ingress", new Plan(new ListenerSpec("ingress", a, tls, ic.limits()), hop));
            }
            if (ic.privateListen() != null) {
                InetSocketAddress a = resolver.resolve(ic.privateListen(), 80);
                Hop hop = new Hop("ingress", "private", Ingress.listener(ic.server(), ic.trustForwardedFrom(),
                        new Router(allHosts, "the private ingress listener " + ic.privateListen())),
                        log, metrics.hop("ingress/private"), ic.server(), inFlight, errorDetail);
                plans.put("ingress-private", new Plan(new ListenerSpec("ingress-private", a, tls, ic.limits()), hop));
            }
        }
        for (DistributionConfig d : config.distributions().values()) {
            distribution(d, resolver, inFlight);
        }
        if (config.admin() != null && config.admin().listen() != null) {
            InetSocketAddress a = resolver.resolve(config.admin().listen(), 9901);
            plans.put("admin", new Plan(new ListenerSpec("admin", a, null, Limits.DEFAULT),
                    new Admin(metrics, draining, Map.copyOf(caches), config.admin().token())));
        }
    }

    /** An app failed to start inside {@link Kept#keep}, which takes no checked exceptions. */
    private static final class AppStartFailure extends RuntimeException {
        AppStartFailure(Exception cause) {
            super(cause);
        }

        @Override
        public synchronized Exception getCause() {
            return (Exception) super.getCause();
        }
    }

    private RunningApp startApp(ServiceConfig s, InstanceConfig.App app, Apps.AppKind kind, EventLoopGroup group) {
        RequestHandler handler;
        try {
            handler = kind.create(s.name(), app.settings(), metrics);
        } catch (java.io.IOException e) { // its files: an images directory that is not there, ...
            throw new AppStartFailure(new CannotStart("services." + s.name() + ".app." + app.kind(), e));
        } catch (Exception e) {
            throw new AppStartFailure(e);
        }
        try {
            Listener l = Listener.start(new ListenerSpec("app-" + s.name(),
                    new InetSocketAddress("127.0.0.1", 0), null, Limits.DEFAULT), handler, group);
            return new RunningApp(handler, l);
        } catch (Exception e) {
            Kept.closeQuietly(handler);
            throw new AppStartFailure(e);
        }
    }

    private static DiskTier newDiskTier(CacheConfig cc) {
        try {
            return new DiskTier(cc.diskPath(), cc.diskBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A distribution: its cache, its origins' endpoints, and its listener's hop. */
    private void distribution(DistributionConfig d, Resolver resolver, AtomicInteger inFlight) throws Exception {
        CacheConfig cc = d.cache();
        // an unchanged cache block keeps the running cache, memory and disk tier, across a reload
        HttpCache cache;
        try {
            // one tier per directory, whatever else changed (its size is applied to the kept one)
            DiskTier tier = cc.diskPath() == null ? null : kept.keep("disk/" + cc.diskPath().toAbsolutePath().normalize(),
                    cc.diskPath().toAbsolutePath().normalize(), () -> newDiskTier(cc));
            if (tier != null) {
                tier.budget(cc.diskBytes());
            }
            cache = kept.keep("cache/" + d.name(), cc, () -> new HttpCache(cc.memoryBytes(), cc.maxObjectBytes(), tier));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        DiskTier disk = cache.disk();
        caches.put(d.name(), cache);
        gauges.add(() -> metrics.cacheBytes(d.name(), "memory", cache::memoryBytes));
        gauges.add(() -> metrics.cacheBytes(d.name(), "inflight", cache::inflightBytes)); // copies of misses under way
        if (disk != null) {
            gauges.add(() -> metrics.cacheBytes(d.name(), "disk", disk::bytes));
        }
        Map<String, Service> origins = new LinkedHashMap<>();
        for (OriginConfig o : d.origins().values()) {
            UpstreamSettings settings = new UpstreamSettings(o.connectTimeout(), o.readTimeout(), o.keepAliveTimeout(),
                    UpstreamSettings.DEFAULT.maxIdlePerLoop(), null);
            Endpoint http = null;
            Endpoint https = null;
            if (!o.protocolPolicy().equals("https-only")) {
                http = Endpoint.resolving(o.domain() + ":" + o.httpPort(), () -> resolver.resolve(o.domain(), o.httpPort()),
                        ORIGIN_LOOKUP_EVERY, settings);
                closeables.add(http);
            }
            if (!o.protocolPolicy().equals("http-only")) {
                https = Endpoint.resolving(o.domain() + ":" + o.httpsPort(), () -> resolver.resolve(o.domain(), o.httpsPort()),
                        ORIGIN_LOOKUP_EVERY, settings.withTls(ClientTls.of(o.domain(), o.caFile(), true, o.sslProtocols())));
                closeables.add(https);
            }
            origins.put(o.name(), Distribution.origin(http, https));
        }
        AccessLog log = AccessLog.open(d.accessLog());
        closeables.add(log);
        ServerTls tls = serverTls("distributions." + d.name() + ".tls", d.tls());
        String id = "distribution/" + d.name();
        Hop hop = new Hop("distribution", d.name(), Distribution.listener(d, Distribution.behaviors(d, cache, origins::get)),
                log, metrics.hop(id), null, inFlight, errorDetail);
        String key = "distribution-" + d.name();
        if (d.tlsListen() == null) {
            plans.put(key, new Plan(new ListenerSpec(key, resolver.resolve(d.listen(), 80), tls, d.limits()), hop, true));
        } else { // listen stays cleartext, tls.listen speaks TLS: somewhere for redirect-to-https to send viewers
            plans.put(key, new Plan(new ListenerSpec(key, resolver.resolve(d.listen(), 80), null, d.limits()), hop, true));
            plans.put(key + "-tls", new Plan(new ListenerSpec(key + "-tls", resolver.resolve(d.tlsListen(), 443), tls,
                    d.limits()), hop, true));
        }
    }

    private Service upstreamOf(ServiceConfig s, Resolver resolver, EventLoopGroup group) throws Exception {
        UpstreamSettings settings = new UpstreamSettings(s.connectTimeout(), s.readTimeout(),
                UpstreamSettings.DEFAULT.keepAliveTimeout(), UpstreamSettings.DEFAULT.maxIdlePerLoop(), null);
        List<Instance> instances = new ArrayList<>();
        for (int index = 0; index < s.instances().size(); index++) {
            InstanceConfig ic = s.instances().get(index);
            String appKey = "app/" + s.name() + "/" + index; // a service may run several apps
            Endpoint endpoint = switch (ic) {
                case InstanceConfig.Address a -> new Endpoint(a.hostPort(), resolver.resolve(a.hostPort(), 80), settings);
                case InstanceConfig.App app -> {
                    Apps.AppKind kind = Apps.kind(app.kind());
                    if (kind == null) {
                        throw new IllegalArgumentException("service '" + s.name() + "': unknown app kind '" + app.kind()
                                + "'; known: " + Apps.names());
                    }
                    // unchanged settings keep the app running across a reload: warm, at the same address
                    RunningApp running;
                    try {
                        running = kept.keep(appKey, app, () -> startApp(s, app, kind, group));
                    } catch (AppStartFailure f) {
                        throw f.getCause();
                    }
                    Listener l = running.listener();
                    yield new Endpoint("app:" + app.kind() + "@" + l.address().getPort(), l.address(), settings);
                }
            };
            closeables.add(endpoint);
            // an address keeps its health across a reload (an app embedded anew starts afresh)
            Instance instance = ic instanceof InstanceConfig.Address a
                    ? new Instance(endpoint, kept.keep("health/" + s.name() + "/" + a.hostPort(), a.hostPort(), InstanceHealth::new))
                    : new Instance(endpoint);
            instances.add(instance);
            String host = s.domains().stream().filter(d -> !d.startsWith("*")).findFirst().orElse(endpoint.name());
            checkers.add(new HealthChecker(s.name(), instance, s.healthCheck(), host, group,
                    ic instanceof InstanceConfig.App));
            gauges.add(() -> metrics.upstreamHealth(s.name(), endpoint.name(), instance::available));
        }
        return new UpstreamService(s.name(), Balancer.of(s.loadBalancing(), instances));
    }

    /** A listener's certificates (null: cleartext); what is wrong with their files is the operator's to fix. */
    private static ServerTls serverTls(String where, dev.forecourt.edge.config.TlsConfig tls) throws CannotStart {
        if (tls == null) {
            return null;
        }
        try {
            return ServerTls.of(tls.certificates(), tls.minimumProtocol());
        } catch (Exception e) {
            throw new CannotStart(where, e);
        }
    }

    /** Starts the health checks (after the listeners are bound, so a failed bind leaves nothing running). */
    /** This generation is live: its gauges replace the previous one's, and its health checks start. */
    void startChecks() {
        gauges.forEach(g -> meters.add(g.get()));
        checkers.forEach(HealthChecker::start);
    }

    /**
     * A newer generation is live: these checks stop now, not when this generation retires after its last requests,
     * since an instance's health is shared with the newer one's checks (kept across the reload) and two checkers
     * with perhaps other paths or thresholds would make it flap.
     */
    void stopChecks() {
        checkers.forEach(HealthChecker::close);
    }

    @Override
    public void close() {
        checkers.forEach(HealthChecker::close);
        metrics.remove(meters);
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing what is already broken
            }
        }
    }
}
