package dev.forecourt.edge.process;

import dev.forecourt.edge.config.HealthCheckConfig;
import dev.forecourt.http.UpstreamSettings;

/**
 * Everything a revision of a {@code run:} service is made from: the run block, the service's health check, how
 * its instances are reached, and the Host its health checks send. Two equal specs are the same revision; a reload
 * that changes any of it deploys a new one.
 */
public record RunSpec(RunConfig run, HealthCheckConfig healthCheck, UpstreamSettings upstream, String host) {}
