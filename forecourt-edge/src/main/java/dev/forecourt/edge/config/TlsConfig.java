package dev.forecourt.edge.config;

import dev.forecourt.edge.CannotStart;
import dev.forecourt.http.ServerTls;
import java.util.List;

/**
 * Certificates chosen by SNI, the oldest TLS version accepted, and whether a handshake without SNI is refused
 * ({@code requireSni}) rather than given the first certificate.
 */
public record TlsConfig(List<ServerTls.Certificate> certificates, String minimumProtocol, boolean requireSni) {
    public TlsConfig {
        certificates = List.copyOf(certificates);
        if (minimumProtocol == null) minimumProtocol = "TLSv1.2";
    }

    public TlsConfig(List<ServerTls.Certificate> certificates, String minimumProtocol) {
        this(certificates, minimumProtocol, false);
    }

    /** A listener's certificates (null: cleartext); what is wrong with their files is the operator's to fix. */
    public static ServerTls server(String where, TlsConfig tls) throws CannotStart {
        return server(where, tls, ServerTls.HTTP_ALPN);
    }

    /** {@code alpn}: what the listener offers by ALPN (empty: no ALPN). */
    public static ServerTls server(String where, TlsConfig tls, List<String> alpn) throws CannotStart {
        if (tls == null) {
            return null;
        }
        try {
            return ServerTls.of(tls.certificates(), tls.minimumProtocol(), tls.requireSni(), alpn);
        } catch (Exception e) {
            throw new CannotStart(where, e);
        }
    }
}
