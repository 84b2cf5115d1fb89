package dev.forecourt.edge.runtime;

import dev.forecourt.edge.Service;

import dev.forecourt.edge.Resolver;

import dev.forecourt.edge.admin.Admin;
import dev.forecourt.edge.cache.HttpCache;
import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.trace.TraceGate;
import dev.forecourt.edge.trace.Traces;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.process.Fleet;
import dev.forecourt.edge.RejectionPage;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.edge.role.Role;
import dev.forecourt.edge.role.Roles;
import dev.forecourt.edge.upstream.HealthChecker;
import dev.forecourt.http.Limits;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.TcpRelay;
import io.micrometer.core.instrument.Meter;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Everything one configuration runs: its hops (by listener key), services with instances, health checks and
 * embedded apps, as each role assembled them ({@link Roles#ALL}, in order; then the admin listener). A reload
 * builds a new generation beside the old one, moves the listeners over, then closes the old one once its requests
 * are done; what must outlive that is {@link #keep}-ed.
 */
final class Generation implements AutoCloseable, Assembly {
    /**
     * A listener to bind: HTTP ({@code handler}) or TCP ({@code relay}); {@code sendsFiles}: its answers are often
     * whole files (a distribution's disk hits).
     */
    record Plan(ListenerSpec spec, RequestHandler handler, TcpRelay relay, boolean sendsFiles) {}

    final Map<String, Plan> plans = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<HealthChecker> checkers = new ArrayList<>();
    private final List<Runnable> onLive = new ArrayList<>();
    private final List<Meter> meters = new ArrayList<>();
    /**
     * Gauges, registered only when this generation goes live ({@link #startChecks}): one registered while it was
     * built would replace the running generation's, and a build or bind that then failed would leave none.
     */
    private final List<Supplier<Meter>> gauges = new ArrayList<>();
    private final Map<String, HttpCache> caches = new LinkedHashMap<>();
    private final Map<String, Fleet> fleets = new LinkedHashMap<>();
    private final Config config;
    private final Resolver resolver;
    private final EventLoopGroup group;
    private final Metrics metrics;
    private final AtomicInteger inFlight;
    private final Kept kept;
    private final InstantSource clock;
    private final Traces traces;

    private Generation(Config config, EventLoopGroup group, Metrics metrics, AtomicInteger inFlight, Kept kept,
                       InstantSource clock, Traces traces) {
        this.traces = traces;
        this.config = config;
        this.resolver = new Resolver(config.resolve());
        this.group = group;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.kept = kept;
        this.clock = clock;
    }

    /** {@code kept}: what this generation may take over from the running one (begun by the caller). */
    static Generation build(Config config, EventLoopGroup group, Metrics metrics, AtomicInteger inFlight,
                            BooleanSupplier draining, Kept kept, InstantSource clock, Traces traces) throws Exception {
        Generation g = new Generation(config, group, metrics, inFlight, kept, clock, traces);
        try {
            for (Role<?> role : Roles.ALL) {
                g.assemble(role);
            }
            g.admin(draining);
            return g;
        } catch (Exception | Error e) {
            g.close();
            throw e;
        }
    }

    private <C> void assemble(Role<C> role) throws Exception {
        role.assemble(role.of(config), this);
    }

    private void admin(BooleanSupplier draining) throws Exception {
        if (config.admin() != null && config.admin().listen() != null) {
            InetSocketAddress a = resolver.resolve(config.admin().listen(), 9901);
            listen("admin", new ListenerSpec("admin", a, null, Limits.DEFAULT),
                    new Admin(metrics, draining, Map.copyOf(caches), config.admin().token(), fleets, traces), false);
        }
    }

    // ---- what a role is lent ----

    @Override
    public Config config() {
        return config;
    }

    @Override
    public Resolver resolver() {
        return resolver;
    }

    @Override
    public Metrics metrics() {
        return metrics;
    }

    @Override
    public EventLoopGroup loops() {
        return group;
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public <T extends AutoCloseable> T own(T resource) {
        closeables.add(resource);
        return resource;
    }

    @Override
    public <T> T keep(String key, Object spec, Supplier<T> make) {
        return kept.keep(key, spec, make);
    }

    @Override
    public void gauge(Supplier<Meter> register) {
        gauges.add(register);
    }

    @Override
    public void check(HealthChecker checker) {
        checkers.add(checker);
    }

    @Override
    public void live(Runnable action) {
        onLive.add(action);
    }

    @Override
    public void cache(String name, HttpCache cache) {
        caches.put(name, cache);
    }

    @Override
    public void deployments(String service, Fleet fleet) {
        fleets.put(service, fleet);
    }

    @Override
    public RequestHandler hop(String role, String name, Service corridor, AccessLog log, String server,
                              List<Cidr> trusted, RejectionPage rejectionPage) {
        TraceGate gate = new TraceGate(traces, config.admin() == null ? null : config.admin().token(),
                peer -> trusted.stream().anyMatch(c -> c.contains(peer)));
        return new Hop(role, name, corridor, log, metrics.hop(role + "/" + name), server, inFlight,
                config.errors().detail(), gate, rejectionPage);
    }

    @Override
    public Traces traces() {
        return traces;
    }

    @Override
    public void listen(String key, ListenerSpec spec, RequestHandler handler, boolean sendsFiles) {
        plan(key, new Plan(spec, handler, null, sendsFiles));
    }

    @Override
    public void listen(String key, ListenerSpec spec, TcpRelay relay) {
        plan(key, new Plan(spec, null, relay, false));
    }

    private void plan(String key, Plan plan) {
        if (plans.putIfAbsent(key, plan) != null) {
            throw new IllegalStateException("two listeners under the key '" + key + "'");
        }
    }

    // ---- lifecycle ----

    /** This generation is live: its gauges replace the previous one's, its health checks start, its live actions run. */
    void startChecks() {
        gauges.forEach(g -> meters.add(g.get()));
        checkers.forEach(HealthChecker::start);
        onLive.forEach(Runnable::run);
    }

    /**
     * A newer generation is live: these checks stop now, not when this generation retires after its last requests,
     * since an instance's health is shared with the newer one's checks (kept across the reload) and two checkers
     * with perhaps other paths or thresholds would make it flap.
     */
    void stopChecks() {
        checkers.forEach(HealthChecker::close);
    }

    /** Closes the upstream endpoints' pooled connections (a drain, once no request is left to use them). */
    void closeUpstreams() {
        for (AutoCloseable c : closeables) {
            if (c instanceof dev.forecourt.http.Endpoint e) {
                e.close();
            }
        }
    }

    /** Connections its relays started and have not recorded yet: their records go to its connection logs. */
    int relaysOpen() {
        return plans.values().stream().map(Plan::relay).filter(java.util.Objects::nonNull).mapToInt(TcpRelay::open).sum();
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
