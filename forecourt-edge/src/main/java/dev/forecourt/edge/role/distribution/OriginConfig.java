package dev.forecourt.edge.role.distribution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A distribution's origin, in CloudFront's terms: its domain (also the default Host and the SNI name, checked
 * against its certificate), ports, which protocol to use ({@code http-only}, {@code https-only},
 * {@code match-viewer}), TLS versions, a CA file to verify against (else the JDK's), timeouts, headers added to
 * every origin request, and a path prefix.
 */
public record OriginConfig(String name, String domain, int httpPort, int httpsPort, String protocolPolicy,
                           List<String> sslProtocols, Path caFile, Duration connectTimeout, Duration readTimeout,
                           Duration keepAliveTimeout, Map<String, String> customHeaders, String originPath) {

    public OriginConfig {
        if (protocolPolicy == null) protocolPolicy = "http-only";
        sslProtocols = sslProtocols == null ? List.of("TLSv1.2", "TLSv1.3") : List.copyOf(sslProtocols);
        if (connectTimeout == null) connectTimeout = Duration.ofSeconds(10);
        if (readTimeout == null) readTimeout = Duration.ofSeconds(30);
        if (keepAliveTimeout == null) keepAliveTimeout = Duration.ofSeconds(4); // under common servers' 5 s
        customHeaders = customHeaders == null ? Map.of() : Map.copyOf(customHeaders);
        if (originPath == null) originPath = "";
    }
}
