package dev.forecourt.http;

import java.time.Duration;

/**
 * What a listener accepts before it refuses. Each bound answers with its own error type: header section over
 * {@code maxHeaderSize} 431, request line over {@code maxRequestLine} 414, head not complete within
 * {@code headerTimeout} 408; {@code idleTimeout} closes quiet keep-alive connections, {@code requestTimeout}
 * bounds one whole exchange, {@code maxConnections} caps open connections (more are closed at once).
 */
public record Limits(int maxHeaderSize, int maxRequestLine, Duration headerTimeout, Duration idleTimeout,
                     Duration requestTimeout, int maxConnections, int maxConcurrentStreams) {

    public static final Limits DEFAULT = new Limits(64 * 1024, 8 * 1024, Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(300), 10_000, 128);

    public Limits {
        if (maxHeaderSize < 1024) throw new IllegalArgumentException("maxHeaderSize must be at least 1KiB, got " + maxHeaderSize);
        if (maxRequestLine < 256) throw new IllegalArgumentException("maxRequestLine must be at least 256 bytes, got " + maxRequestLine);
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        if (maxConcurrentStreams < 1) throw new IllegalArgumentException("maxConcurrentStreams must be at least 1, got " + maxConcurrentStreams);
    }
}
