package dev.forecourt.edge.config;

/** The admin listener: Prometheus {@code /metrics} and {@code /health}. */
public record AdminConfig(String listen) {}
