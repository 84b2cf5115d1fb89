package dev.forecourt.edge.config;

import dev.forecourt.edge.CannotStart;
import dev.forecourt.http.ServerTls;
import java.util.List;

/** Certificates chosen by SNI, and the oldest TLS version accepted. */
public record TlsConfig(List<ServerTls.Certificate> certificates, String minimumProtocol) {
    public TlsConfig {
        certificates = List.copyOf(certificates);
        if (minimumProtocol == null) minimumProtocol = "TLSv1.2";
    }

    /** A listener's certificates (null: cleartext); what is wrong with their files is the operator's to fix. */
    public static ServerTls server(String where, TlsConfig tls) throws CannotStart {
        if (tls == null) {
            return null;
        }
        try {
            return ServerTls.of(tls.certificates(), tls.minimumProtocol());
        } catch (Exception e) {
            throw new CannotStart(where, e);
        }
    }
}
