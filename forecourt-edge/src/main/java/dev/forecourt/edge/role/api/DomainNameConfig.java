package dev.forecourt.edge.role.api;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.http.Limits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A custom domain name (API Gateway's {@code DomainName}, with its {@code ApiMapping}s): the Host it answers to
 * ({@code api.example.org}, or {@code *.example.org}), the listener it is served on (domains with one address share
 * it), TLS, and its API mappings: a path ({@code ""}, {@code v1}, {@code v1/orders}) to the API that serves what is
 * under it, at its stage. The access log is for the requests no mapping takes (a mapped one is its API's).
 */
public record DomainNameConfig(String name, String listen, TlsConfig tls, Map<String, String> apiMappings,
                               AccessLogConfig accessLog, Limits limits) {
    public DomainNameConfig {
        apiMappings = Collections.unmodifiableMap(new LinkedHashMap<>(apiMappings));
        if (accessLog == null) accessLog = AccessLogConfig.DEFAULT;
        if (limits == null) limits = Limits.DEFAULT;
    }
}
