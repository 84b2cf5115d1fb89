package dev.forecourt.edge.observe;

import dev.forecourt.http.ErrorType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A hop's meters: {@code forecourt_requests_total{hop,status,error}} and the latency histogram
 * {@code forecourt_request_duration_seconds{hop}}. Counters are found by array index, not by a map of boxed keys.
 */
public final class HopMetrics {
    private static final int ERRORS = ErrorType.values().length + 1; // + none
    private final MeterRegistry registry;
    private final String hop;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(500 * ERRORS);
    private final AtomicReferenceArray<Counter> cacheCounters = new AtomicReferenceArray<>(3);

    HopMetrics(MeterRegistry registry, String hop) {
        this.registry = registry;
        this.hop = hop;
    }

    public void record(int status, ErrorType error, long nanos) {
        int s = status < 100 || status > 599 ? 599 : status;
        int index = (s - 100) * ERRORS + (error == null ? ERRORS - 1 : error.ordinal());
        Counter c = counters.get(index);
        if (c == null) {
            c = Counter.builder("forecourt_requests")
                    .description("requests answered, by hop, status and Forecourt error type")
                    .tags("hop", hop, "status", Integer.toString(status), "error", error == null ? "none" : error.code())
                    .register(registry); // idempotent: a racing thread gets the same counter
            counters.set(index, c);
        }
        c.increment();
        if (nanos > 0) {
            latency.record(nanos);
        }
    }

    /** {@code forecourt_cache_results_total{hop,result}}: how the cache answered (Hit, RefreshHit, Miss). */
    public void recordCache(String result) {
        int i = switch (result) {
            case "Hit" -> 0;
            case "RefreshHit" -> 1;
            default -> 2;
        };
        Counter c = cacheCounters.get(i);
        if (c == null) {
            c = Counter.builder("forecourt_cache_results")
                    .description("answers of a hop's cache, by result type")
                    .tags("hop", hop, "result", i == 0 ? "Hit" : i == 1 ? "RefreshHit" : "Miss")
                    .register(registry);
            cacheCounters.set(i, c);
        }
        c.increment();
    }

    void writeLatency(StringBuilder out) {
        latency.writeTo(out, "forecourt_request_duration_seconds", "hop=\"" + hop + "\"");
    }
}
