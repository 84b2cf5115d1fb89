package dev.forecourt.http;

import java.time.Duration;

/**
 * How connections to one upstream are made and kept: connect and read timeouts (the read timeout bounds each
 * wait for bytes of the response), how long an idle pooled connection is kept, how many idle ones at most per
 * event loop, and TLS (null for cleartext).
 */
public record UpstreamSettings(Duration connectTimeout, Duration readTimeout, Duration keepAliveTimeout,
                               int maxIdlePerLoop, ClientTls tls) {

    public static final UpstreamSettings DEFAULT = new UpstreamSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), 64, null);

    public UpstreamSettings withTls(ClientTls tls) {
        return new UpstreamSettings(connectTimeout, readTimeout, keepAliveTimeout, maxIdlePerLoop, tls);
    }
}
