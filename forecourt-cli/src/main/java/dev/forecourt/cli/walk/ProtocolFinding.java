package dev.forecourt.cli.walk;

import dev.forecourt.http.HostPort;
import java.util.List;

/**
 * Cleartext to a listener that speaks TLS (it answers {@code 400 bad_request}: a plain HTTP request on a TLS port),
 * or TLS to one that speaks cleartext (the handshake fails). A link in between changes nothing: it relays bytes.
 */
final class ProtocolFinding implements Finding {
    @Override
    public List<String> judge(Edge e, Reached r, Topology t) {
        boolean listenerTls = r.landing().tls() != null;
        if (e.tls() == listenerTls) return List.of();
        int port = HostPort.parse(r.landing().listening().address(), r.landing().listening().defaultPort()).port();
        return List.of(e.connectionAt() + ": " + e.speaks() + " but " + r.route() + (listenerTls
                ? " speaks TLS: every request gets 400 bad_request from that listener (a plain HTTP request to a TLS"
                + " port), passed on to the client"
                : " speaks plain HTTP: the TLS handshake fails, every request gets " + e.tlsFailure())
                + ". Fix: " + e.fixProtocol(listenerTls, port));
    }
}
