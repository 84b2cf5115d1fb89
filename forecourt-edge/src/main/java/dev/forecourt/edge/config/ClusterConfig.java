package dev.forecourt.edge.config;

/**
 * {@code cluster: {redis: URI, failMode: open|local|closed}}: state that several Forecourt processes serving together
 * share (throttling buckets). {@code redisUri} is Lettuce's URI syntax ({@code redis://host:port/db},
 * {@code rediss://} for TLS). {@code failMode} is what a throttle decides while Redis cannot be reached: {@code local}
 * (the default: each process keeps its own buckets, so N processes allow up to N times the limit, but a limit still
 * holds per process), {@code open} (allow every request: availability first) or {@code closed} (throttle every
 * request: the limit is never exceeded, at the price of an outage).
 */
public record ClusterConfig(String redisUri, FailMode failMode) {
    public enum FailMode { OPEN, LOCAL, CLOSED }

    public ClusterConfig {
        if (failMode == null) failMode = FailMode.LOCAL;
    }
}
