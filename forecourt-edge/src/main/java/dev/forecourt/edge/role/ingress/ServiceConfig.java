package dev.forecourt.edge.role.ingress;

import dev.forecourt.edge.config.HealthCheckConfig;

import java.time.Duration;
import java.util.List;

/**
 * An App Runner-style service: the Host values it answers to, its instances, their health check, whether it is
 * reachable on the public ingress listener, how requests are balanced, and upstream timeouts.
 */
public record ServiceConfig(String name, List<String> domains, List<InstanceConfig> instances,
                            HealthCheckConfig healthCheck, boolean isPublic, String loadBalancing,
                            Duration connectTimeout, Duration readTimeout) {

    public ServiceConfig {
        domains = List.copyOf(domains);
        instances = List.copyOf(instances);
        if (healthCheck == null) healthCheck = HealthCheckConfig.DEFAULT;
        if (loadBalancing == null) loadBalancing = "round_robin";
        if (connectTimeout == null) connectTimeout = Duration.ofSeconds(10);
        if (readTimeout == null) readTimeout = Duration.ofSeconds(30);
    }
}
