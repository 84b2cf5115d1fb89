package dev.forecourt.edge.observe;

import dev.forecourt.http.ErrorType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A hop's meters: {@code forecourt_requests_total{hop,status,error}} and a latency histogram
 * {@code forecourt_request_duration_seconds{hop}}. Counters are looked up once per (status, error) and cached.
 */
public final class HopMetrics {
    private final MeterRegistry registry;
    private final String hop;
    private final Timer latency;
    private final ConcurrentHashMap<Integer, Counter> counters = new ConcurrentHashMap<>();

    HopMetrics(MeterRegistry registry, String hop) {
        this.registry = registry;
        this.hop = hop;
        this.latency = Timer.builder("forecourt_request_duration")
                .description("time from request head to the end of the response")
                .tags("hop", hop)
                .serviceLevelObjectives(ms(1), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000),
                        ms(2500), ms(5000), ms(10000))
                .register(registry);
    }

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    public void record(int status, ErrorType error, long nanos) {
        int key = status * 32 + (error == null ? 31 : error.ordinal());
        Counter c = counters.get(key);
        if (c == null) {
            c = counters.computeIfAbsent(key, k -> Counter.builder("forecourt_requests")
                    .description("requests answered, by hop, status and Forecourt error type")
                    .tags("hop", hop, "status", Integer.toString(status), "error", error == null ? "none" : error.code())
                    .register(registry));
        }
        c.increment();
        if (nanos > 0) {
            latency.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
