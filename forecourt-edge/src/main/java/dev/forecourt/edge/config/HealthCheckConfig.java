package dev.forecourt.edge.config;

import java.time.Duration;

/**
 * An active health check, with App Runner's defaults: tcp, path /, every 5s, 2s timeout, thresholds 1 and 5.
 * {@code port}: where the check goes, when not the instance's own (null); {@code matcher}: the statuses an HTTP check
 * counts as healthy (200-399 by default).
 */
public record HealthCheckConfig(String protocol, String path, Duration interval, Duration timeout,
                                int healthyThreshold, int unhealthyThreshold, Integer port, StatusMatcher matcher) {

    public static final HealthCheckConfig DEFAULT = new HealthCheckConfig("tcp", "/", Duration.ofSeconds(5),
            Duration.ofSeconds(2), 1, 5);

    public HealthCheckConfig(String protocol, String path, Duration interval, Duration timeout, int healthyThreshold,
                             int unhealthyThreshold) {
        this(protocol, path, interval, timeout, healthyThreshold, unhealthyThreshold, null, StatusMatcher.DEFAULT);
    }

    public HealthCheckConfig {
        if (matcher == null) matcher = StatusMatcher.DEFAULT;
    }
}
