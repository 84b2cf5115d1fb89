package dev.forecourt.edge.config;

import java.time.Duration;

/** An active health check, with App Runner's defaults: tcp, path /, every 5s, 2s timeout, thresholds 1 and 5. */
public record HealthCheckConfig(String protocol, String path, Duration interval, Duration timeout,
                                int healthyThreshold, int unhealthyThreshold) {

    public static final HealthCheckConfig DEFAULT = new HealthCheckConfig("tcp", "/", Duration.ofSeconds(5),
            Duration.ofSeconds(2), 1, 5);
}
