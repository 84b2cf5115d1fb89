package dev.forecourt.edge.config;

import dev.forecourt.http.ServerTls;
import java.util.List;

/** Certificates chosen by SNI, and the oldest TLS version accepted. */
public record TlsConfig(List<ServerTls.Certificate> certificates, String minimumProtocol) {
    public TlsConfig {
        certificates = List.copyOf(certificates);
        if (minimumProtocol == null) minimumProtocol = "TLSv1.2";
    }
}
