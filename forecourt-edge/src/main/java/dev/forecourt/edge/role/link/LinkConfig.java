package dev.forecourt.edge.role.link;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.HealthCheckConfig;
import java.time.Duration;
import java.util.List;

/**
 * A link (a Network Load Balancer with its target group, as a VPC link reaches it): a TCP listener whose
 * connections are relayed, bytes untouched (TLS passes through, SNI and all, unless {@code tls} terminates it
 * here), to a healthy target. {@code proxyProtocol}: send a PROXY protocol v2 header first, so the target learns the
 * client's address.
 */
public record LinkConfig(String name, String listen, List<String> targets, HealthCheckConfig healthCheck,
                         String loadBalancing, Duration connectTimeout, Duration idleTimeout,
                         Duration deregistrationDelay, boolean proxyProtocol, LinkTls tls, AccessLogConfig accessLog,
                         int maxConnections) {

    /** A target group's health check, with the NLB's defaults: tcp, every 30s, 10s timeout, thresholds 5 and 2. */
    public static final HealthCheckConfig NLB_HEALTH = new HealthCheckConfig("tcp", "/", Duration.ofSeconds(30),
            Duration.ofSeconds(10), 5, 2);
    /** The NLB's: a TCP flow with no byte either way for 350 s is closed. */
    public static final Duration NLB_IDLE = Duration.ofSeconds(350);
    /** The target group's default: a deregistered target's connections may finish for 300 s. */
    public static final Duration NLB_DEREGISTRATION = Duration.ofSeconds(300);

    public LinkConfig {
        targets = List.copyOf(targets);
    }
}
