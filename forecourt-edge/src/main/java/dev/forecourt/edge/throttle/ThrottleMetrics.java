package dev.forecourt.edge.throttle;

import dev.forecourt.edge.config.ClusterConfig.FailMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * What a shared throttle tells the admin's {@code /metrics}: {@code forecourt_throttle_redis_up} (1 while buckets are
 * shared through Redis), {@code forecourt_throttle_redis_outages_total} (each time Redis was lost, or not found at
 * start) and {@code forecourt_throttle_fallback_total{failMode}} (requests decided by the fail mode meanwhile), so
 * an operator sees that limits were per process, open or closed, and for how many requests.
 */
final class ThrottleMetrics {
    private final MeterRegistry registry;
    private final Counter outages;
    private final Counter fallback;
    private final Meter up;

    ThrottleMetrics(MeterRegistry registry, FailMode mode, BooleanSupplier shared) {
        this.registry = registry;
        this.outages = Counter.builder("forecourt_throttle_redis_outages_total")
                .description("times the throttle lost Redis (or found none at start) and fell back to its fail mode")
                .register(registry);
        this.fallback = Counter.builder("forecourt_throttle_fallback_total")
                .description("requests the throttle decided by its fail mode while Redis was unreachable")
                .tag("failMode", mode.name().toLowerCase(Locale.ROOT)).register(registry);
        // a newer throttle's gauge replaces an older one's (registering alone would hand back the old one)
        Meter old = registry.find("forecourt_throttle_redis_up").meter();
        if (old != null) {
            registry.remove(old);
        }
        this.up = Gauge.builder("forecourt_throttle_redis_up", () -> shared.getAsBoolean() ? 1 : 0)
                .description("1 while throttling buckets are shared through Redis").register(registry);
    }

    void outage() {
        outages.increment();
    }

    void fallback() {
        fallback.increment();
    }

    /** Forgets the gauge, unless a newer throttle registered its own in its place. */
    void close() {
        if (registry.find("forecourt_throttle_redis_up").meter() == up) {
            registry.remove(up);
        }
    }
}
