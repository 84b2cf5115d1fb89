package dev.forecourt.cli.walk;

import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.role.link.LinkConfig;

/**
 * A listener of this file that a connection reaches, how for messages ({@code "nlb.internal:1001 -> link 'nlb'
 * 127.0.0.1:1001 -> the ingress's private listener 127.0.0.1:9443"}), whether a PROXY protocol header comes
 * first (a link's {@code proxyProtocol: v2} just before it), and the link on the way that ends the connection's TLS
 * (its {@code tls}; null: none did, TLS goes through to the listener).
 */
record Reached(Landing landing, String route, boolean proxied, LinkConfig terminatedAt) {
    /** The TLS the connection's handshake meets: the terminating link's, else the listener's (null: cleartext). */
    TlsConfig tlsMet() {
        return terminatedAt != null ? terminatedAt.tls().listener() : landing.tls();
    }
}
