package dev.forecourt.http;

import java.util.Locale;

/**
 * A failed TLS handshake toward an upstream, said by its cause: the two a configuration makes (a refused missing or
 * unknown server name, no TLS version both sides allow) get their own fix; anything else is about the certificate.
 */
final class TlsFailure {
    private TlsFailure() {}

    /** Whether {@code cause} is TLS's (a handshake or record failure), as Netty hands it on: bare or in a decoder's. */
    static boolean isTls(Throwable cause) {
        return cause instanceof javax.net.ssl.SSLException || cause.getCause() instanceof javax.net.ssl.SSLException;
    }

    static ForecourtException of(String upstream, ClientTls tls, Throwable cause) {
        String serverName = tls.serverName();
        String why = Pool.rootMessage(cause);
        String said = why.toLowerCase(Locale.ROOT);
        String fix;
        if (said.contains("unrecognized_name")) {
            fix = serverName == null ? "send the server name the upstream serves (SNI): it refuses a handshake without"
                    + " one (an API integration's tls.serverNameToVerify)"
                    : "send a server name the upstream serves: it does not know '" + serverName + "'";
        } else if (said.contains("protocol_version") || said.contains("no appropriate protocol")
                || said.contains("unsupported_protocol")) {
            why += "; the upstream accepts none of the TLS versions offered (" + String.join(", ", tls.protocols()) + ")";
            fix = "offer a TLS version the upstream accepts, TLSv1.2 or later (an origin's sslProtocols)";
        } else {
            fix = "make the SNI name match a name on the upstream's certificate, and trust the CA that signed it";
        }
        String sni = serverName == null ? "without SNI" : "with SNI " + serverName;
        return new ForecourtException(ErrorType.UPSTREAM_TLS_FAILURE, "TLS handshake with " + upstream + " (" + sni
                + ") failed: " + why, fix + ".", cause);
    }
}
