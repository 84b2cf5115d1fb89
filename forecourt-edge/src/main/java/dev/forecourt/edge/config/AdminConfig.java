package dev.forecourt.edge.config;

/**
 * The admin listener: Prometheus {@code /metrics}, {@code /health} and invalidations. {@code token}: when set, an
 * invalidation must carry {@code Authorization: Bearer TOKEN}; null: none is asked (fit for a loopback listener only).
 */
public record AdminConfig(String listen, String token) {
    public AdminConfig(String listen) {
        this(listen, null);
    }
}
