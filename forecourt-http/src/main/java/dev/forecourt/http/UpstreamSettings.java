package dev.forecourt.http;

import java.time.Duration;

/**
 * How connections to one upstream are made and kept: connect and read timeouts (the read timeout bounds each
 * wait for bytes of the response), how long an idle pooled connection is kept, how many idle ones at most per
 * event loop, TLS (null for cleartext), and whether each connection begins with a PROXY protocol v2 header of the
 * LOCAL kind ({@code proxyHeader}: a health check's to a listener that requires one, as an NLB's checks send it).
 */
public record UpstreamSettings(Duration connectTimeout, Duration readTimeout, Duration keepAliveTimeout,
                               int maxIdlePerLoop, ClientTls tls, boolean proxyHeader) {

    public UpstreamSettings(Duration connectTimeout, Duration readTimeout, Duration keepAliveTimeout, int maxIdlePerLoop,
                            ClientTls tls) {
        this(connectTimeout, readTimeout, keepAliveTimeout, maxIdlePerLoop, tls, false);
    }

    public static final UpstreamSettings DEFAULT = new UpstreamSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), 64, null);

    public UpstreamSettings withTls(ClientTls tls) {
        return new UpstreamSettings(connectTimeout, readTimeout, keepAliveTimeout, maxIdlePerLoop, tls, proxyHeader);
    }

    /** These settings, each connection beginning with a PROXY v2 LOCAL header (before any TLS). */
    public UpstreamSettings withProxyHeader() {
        return new UpstreamSettings(connectTimeout, readTimeout, keepAliveTimeout, maxIdlePerLoop, tls, true);
    }
}
