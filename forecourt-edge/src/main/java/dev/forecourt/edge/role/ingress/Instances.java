package dev.forecourt.edge.role.ingress;

import dev.forecourt.edge.CannotStart;
import dev.forecourt.edge.runtime.Kept;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.app.Apps;
import dev.forecourt.edge.app.RunningApp;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.process.Fleet;
import dev.forecourt.edge.process.RunConfig;
import dev.forecourt.edge.process.RunSpec;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.edge.upstream.Balancer;
import dev.forecourt.edge.upstream.HealthChecker;
import dev.forecourt.edge.upstream.Instance;
import dev.forecourt.edge.upstream.InstanceHealth;
import dev.forecourt.edge.upstream.UpstreamService;
import dev.forecourt.http.Endpoint;
import dev.forecourt.http.Limits;
import dev.forecourt.http.Listener;
import dev.forecourt.http.ListenerSpec;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.UpstreamSettings;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's instances: addresses, embedded apps served on a loopback listener of their own, or the processes of a
 * run: block. What outlives a reload is kept: an address's health (a dead instance stays out), an app whose settings
 * did not change (warm, at the same address), and a run: service's processes.
 */
final class Instances {
    private Instances() {}

    static Service upstream(ServiceConfig s, Assembly assembly) throws Exception {
        UpstreamSettings settings = new UpstreamSettings(s.connectTimeout(), s.readTimeout(),
                UpstreamSettings.DEFAULT.keepAliveTimeout(), UpstreamSettings.DEFAULT.maxIdlePerLoop(), null);
        if (!s.instances().isEmpty() && s.instances().getFirst() instanceof InstanceConfig.Run run) {
            return fleet(s, run.run(), settings, assembly); // the reader lets a run: service have no other instances
        }
        List<Instance> instances = new ArrayList<>();
        for (int index = 0; index < s.instances().size(); index++) {
            InstanceConfig ic = s.instances().get(index);
            Endpoint endpoint = assembly.own(switch (ic) {
                case InstanceConfig.Address a -> new Endpoint(a.hostPort(), assembly.resolver().resolve(a.hostPort(), 80), settings);
                case InstanceConfig.App app -> {
                    Listener l = app(s, index, app, assembly).listener();
                    yield new Endpoint("app:" + app.kind() + "@" + l.address().getPort(), l.address(), settings);
                }
                case InstanceConfig.Run run -> throw new IllegalStateException("run: is a service's only instances");
            });
            // an address keeps its health across a reload (an app embedded anew starts afresh)
            Instance instance = ic instanceof InstanceConfig.Address a
                    ? new Instance(endpoint, assembly.keep("health/" + s.name() + "/" + a.hostPort(), a.hostPort(), InstanceHealth::new))
                    : new Instance(endpoint);
            instances.add(instance);
            assembly.check(new HealthChecker(s.name(), instance, s.healthCheck(), host(s, endpoint.name()), assembly.loops(),
                    ic instanceof InstanceConfig.App));
            assembly.gauge(() -> assembly.metrics().upstreamHealth(s.name(), endpoint.name(), instance::available));
        }
        return new UpstreamService(s.name(), Balancer.of(s.loadBalancing(), instances));
    }

    /** The Host a health check sends: the service's first domain that is no wildcard, else {@code otherwise}. */
    private static String host(ServiceConfig s, String otherwise) {
        return s.domains().stream().filter(d -> !d.startsWith("*")).findFirst().orElse(otherwise);
    }

    /**
     * The instances Forecourt runs: kept while the service has a run: block, whatever it says (a changed block is
     * deployed beside the running instances once this configuration is live; an unchanged one leaves them be).
     */
    private static Service fleet(ServiceConfig s, RunConfig run, UpstreamSettings settings, Assembly assembly)
            throws CannotStart {
        String unguarded = Fleet.unguarded();
        if (unguarded != null) {
            throw new CannotStart("services." + s.name() + ".run", new IllegalStateException(unguarded));
        }
        Fleet fleet = assembly.keep("run/" + s.name(), null, () -> new Fleet(s.name(), assembly.loops(), assembly.metrics()));
        RunSpec spec = new RunSpec(run, s.healthCheck(), settings, host(s, "localhost"));
        fleet.gauges(assembly.metrics()).forEach(assembly::gauge);
        assembly.deployments(s.name(), fleet);
        assembly.live(() -> fleet.apply(spec));
        return fleet;
    }

    /** The service's {@code index}th app: kept running across a reload while its settings are unchanged. */
    private static RunningApp app(ServiceConfig s, int index, InstanceConfig.App app, Assembly assembly) throws Exception {
        Apps.AppKind kind = Apps.kind(app.kind());
        if (kind == null) {
            throw new IllegalArgumentException("service '" + s.name() + "': unknown app kind '" + app.kind()
                    + "'; known: " + Apps.names());
        }
        try { // a service may run several apps: each is kept by its place in the list
            return assembly.keep("app/" + s.name() + "/" + index, app,
                    () -> start(s, app, kind, assembly));
        } catch (StartFailure f) {
            throw f.getCause();
        }
    }

    private static RunningApp start(ServiceConfig s, InstanceConfig.App app, Apps.AppKind kind, Assembly assembly) {
        EventLoopGroup group = assembly.loops();
        RequestHandler handler;
        try {
            handler = kind.create(s.name(), app.settings(), assembly.metrics(), assembly.traces());
        } catch (java.io.IOException e) { // its files: an images directory that is not there, ...
            throw new StartFailure(new CannotStart("services." + s.name() + ".app." + app.kind(), e));
        } catch (Exception e) {
            throw new StartFailure(e);
        }
        try {
            Listener l = Listener.start(new ListenerSpec("app-" + s.name(),
                    new InetSocketAddress("127.0.0.1", 0), null, Limits.DEFAULT), handler, group);
            return new RunningApp(handler, l);
        } catch (Exception e) {
            Kept.closeQuietly(handler); // the start failure is the news
            throw new StartFailure(e);
        }
    }

    /** An app failed to start inside {@link Assembly#keep}, which takes no checked exceptions. */
    private static final class StartFailure extends RuntimeException {
        StartFailure(Exception cause) {
            super(cause);
        }

        @Override
        public synchronized Exception getCause() {
            return (Exception) super.getCause();
        }
    }
}
