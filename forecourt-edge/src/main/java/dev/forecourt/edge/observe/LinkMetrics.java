package dev.forecourt.edge.observe;

import dev.forecourt.http.RelayRecord;
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
    private final Counter droppedIn;
    private final Counter droppedOut;
    private final Map<String, Counter> ended = new ConcurrentHashMap<>();

    LinkMetrics(MeterRegistry registry, String link) {
        this.registry = registry;
        this.link = link;
        this.bytesIn = Counter.builder("forecourt_link_bytes_total").description("bytes relayed by a link")
                .tags("link", link, "direction", "in").register(registry);
        this.bytesOut = Counter.builder("forecourt_link_bytes_total").description("bytes relayed by a link")
                .tags("link", link, "direction", "out").register(registry);
        this.droppedIn = dropped(registry, link, "in");
        this.droppedOut = dropped(registry, link, "out");
    }

    private static Counter dropped(MeterRegistry registry, String link, String direction) {
        return Counter.builder("forecourt_link_dropped_bytes_total")
                .description("bytes a link read from one side and could not write to the other (a cut, a reset, a TLS"
                        + " side's close_notify)")
                .tags("link", link, "direction", direction).register(registry);
    }

    /** One relayed connection has ended. */
    public void record(RelayRecord r) {
        bytesIn.increment(r.bytesIn());
        bytesOut.increment(r.bytesOut());
        if (r.droppedIn() + r.droppedOut() > 0) {
            droppedIn.increment(r.droppedIn());
            droppedOut.increment(r.droppedOut());
        }
        ended.computeIfAbsent(r.reason().code(), code -> Counter.builder("forecourt_link_connections_total")
                .description("connections a link relayed, by how they ended")
                .tags("link", link, "reason", code).register(registry)).increment();
    }
}
