package dev.forecourt.edge.config;

import dev.forecourt.http.Limits;

/**
 * The platform's front proxy: the public listener ({@code listen}), the private one a link reaches
 * ({@code privateListen}, serving public and private services), TLS, the Server header, access log and limits.
 */
public record IngressConfig(String listen, String privateListen, TlsConfig tls, String server,
                            AccessLogConfig accessLog, Limits limits) {

    public IngressConfig {
        if (accessLog == null) accessLog = AccessLogConfig.DEFAULT;
        if (limits == null) limits = Limits.DEFAULT;
    }
}
