package dev.forecourt.edge.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The process's meters, exposed in Prometheus text on the admin listener. */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final java.util.Map<String, HopMetrics> hops = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, LinkMetrics> links = new java.util.concurrent.ConcurrentHashMap<>();

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The same hop name keeps its meters across reloads. */
    public HopMetrics hop(String hop) {
        return hops.computeIfAbsent(hop, h -> new HopMetrics(registry, h));
    }

    /** A link's counters (kept for the process's life, as a hop's are). */
    public LinkMetrics link(String link) {
        return links.computeIfAbsent(link, l -> new LinkMetrics(registry, l));
    }

    /** {@code forecourt_link_open_connections{link}}: connections a link relays now. */
    public Meter linkOpen(String link, java.util.function.IntSupplier open) {
        replacing("forecourt_link_open_connections", "link", link);
        return Gauge.builder("forecourt_link_open_connections", () -> open.getAsInt())
                .description("connections a link relays now").tags("link", link).register(registry);
    }

    /** {@code forecourt_upstream_healthy{service,instance}}: 1 while the instance takes traffic. */
    public Meter upstreamHealth(String service, String instance, BooleanSupplier available) {
        replacing("forecourt_upstream_healthy", "service", service, "instance", instance);
        return Gauge.builder("forecourt_upstream_healthy", () -> available.getAsBoolean() ? 1 : 0)
                .description("1 while the instance passes its health checks and is not ejected")
                .tags("service", service, "instance", instance)
                .register(registry);
    }

    /** {@code forecourt_instances{service,state}}: a {@code run:} service's instances starting, ready, unhealthy, draining. */
    public Meter instances(String service, String state, java.util.function.IntSupplier count) {
        return serviceGauge("forecourt_instances", "instances of a run: service, by state", service, state, count);
    }

    /**
     * {@code forecourt_run_requests{service,state}}: a run: service's requests {@code in_flight} at its instances and
     * {@code waiting} for one: the demand it scales by.
     */
    public Meter runRequests(String service, String state, java.util.function.IntSupplier count) {
        return serviceGauge("forecourt_run_requests", "requests of a run: service in flight at its instances, or"
                + " waiting for one", service, state, count);
    }

    private Meter serviceGauge(String name, String description, String service, String state,
                               java.util.function.IntSupplier count) {
        replacing(name, "service", service, "state", state);
        return Gauge.builder(name, () -> count.getAsInt()).description(description)
                .tags("service", service, "state", state).register(registry);
    }

    /** {@code forecourt_instance_restarts_total{service}}: instances replaced after a crash or failed health check. */
    public io.micrometer.core.instrument.Counter instanceRestarts(String service) {
        return io.micrometer.core.instrument.Counter.builder("forecourt_instance_restarts")
                .description("instances of a run: service replaced after a crash, a failed health check or a start"
                        + " timeout").tags("service", service).register(registry);
    }

    /** {@code forecourt_cache_bytes{distribution,tier}}: what a distribution's store holds, in memory or on disk. */
    public Meter cacheBytes(String distribution, String tier, java.util.function.LongSupplier bytes) {
        replacing("forecourt_cache_bytes", "distribution", distribution, "tier", tier);
        return Gauge.builder("forecourt_cache_bytes", () -> bytes.getAsLong())
                .description("bytes held by a distribution's cache tier")
                .tags("distribution", distribution, "tier", tier)
                .register(registry);
    }

    /**
     * A gauge of a new configuration replaces the running one's of the same name and tags: registering alone would
     * hand back the old gauge, still reading the old configuration's objects (and gone once that one retires).
     */
    private void replacing(String name, String... tags) {
        Meter old = registry.find(name).tags(tags).meter();
        if (old != null) {
            registry.remove(old);
        }
    }

    /** Forgets meters of a configuration that was replaced, but not those a newer one registered in their place. */
    public void remove(List<Meter> meters) {
        for (Meter m : meters) {
            if (registry.getMeters().stream().anyMatch(current -> current == m)) { // the same meter, not one like it
                registry.remove(m);
            }
        }
    }

    public String scrape() {
        StringBuilder out = new StringBuilder(registry.scrape());
        out.append("# HELP forecourt_request_duration_seconds time from request head to the end of the response\n")
                .append("# TYPE forecourt_request_duration_seconds histogram\n");
        new java.util.TreeMap<>(hops).values().forEach(h -> h.writeLatency(out));
        return out.toString();
    }
}
