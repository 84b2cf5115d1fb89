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

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public HopMetrics hop(String hop) {
        return new HopMetrics(registry, hop);
    }

    /** {@code forecourt_upstream_healthy{service,instance}}: 1 while the instance takes traffic. */
    public Meter upstreamHealth(String service, String instance, BooleanSupplier available) {
        return Gauge.builder("forecourt_upstream_healthy", () -> available.getAsBoolean() ? 1 : 0)
                .description("1 while the instance passes its health checks and is not ejected")
                .tags("service", service, "instance", instance)
                .register(registry);
    }

    /** Forgets meters of a configuration that was replaced. */
    public void remove(List<Meter> meters) {
        meters.forEach(registry::remove);
    }

    public String scrape() {
        return registry.scrape();
    }
}
