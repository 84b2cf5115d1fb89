package dev.forecourt.edge.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A link's counters: {@code forecourt_link_connections_total{link,reason}} (each relayed connection, by how it
 * ended) and {@code forecourt_link_bytes_total{link,direction}} ({@code in}: client to target, {@code out}: back).
 * Open connections are a gauge the link registers ({@link Metrics#linkOpen}).
 */
public final class LinkMetrics {
    private final MeterRegistry registry;
    private final String link;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Map<String, Counter> ended = new ConcurrentHashMap<>();

    LinkMetrics(MeterRegistry registry, String link) {
        this.registry = registry;
        this.link = link;
        this.bytesIn = Counter.builder("forecourt_link_bytes_total").description("bytes relayed by a link")
                .tags("link", link, "direction", "in").register(registry);
        this.bytesOut = Counter.builder("forecourt_link_bytes_total").description("bytes relayed by a link")
                .tags("link", link, "direction", "out").register(registry);
    }

    /** One relayed connection has ended. */
    public void record(long in, long out, String reason) {
        bytesIn.increment(in);
        bytesOut.increment(out);
        ended.computeIfAbsent(reason, r -> Counter.builder("forecourt_link_connections_total")
                .description("connections a link relayed, by how they ended")
                .tags("link", link, "reason", r).register(registry)).increment();
    }
}
