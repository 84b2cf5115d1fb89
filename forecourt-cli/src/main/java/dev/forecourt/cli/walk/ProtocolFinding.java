package dev.forecourt.cli.walk;

import dev.forecourt.http.HostPort;
import java.util.ArrayList;
import java.util.List;

/**
 * What the listener reached does not speak: cleartext to one that speaks TLS (it answers {@code 400 bad_request}: a
 * plain HTTP request on a TLS port), TLS to one that speaks cleartext (the handshake fails), or a request without the
 * PROXY protocol header a listener takes first from a link ({@code ingress.proxyProtocol}: it closes the
 * connection). A link in between changes nothing but that header: it relays bytes; unless it ends TLS itself, when
 * the handshake is the link's, and whether its {@code targetProtocol} is what the listener behind it speaks is said
 * of the link itself, route or not (LinkChecks).
 */
final class ProtocolFinding implements Finding {
    @Override
    public List<String> judge(Edge e, Reached r, Topology t) {
        List<String> out = new ArrayList<>();
        boolean listenerTls = r.tlsMet() != null;
        if (e.connection().tls() != listenerTls) {
            int port = HostPort.parse(r.landing().listening().address(), r.landing().listening().defaultPort()).port();
            out.add(e.connectionAt() + ": " + e.speaks() + " but " + r.route() + (listenerTls
                    ? " speaks TLS: every request gets 400 bad_request from that listener (a plain HTTP request to a TLS"
                    + " port), passed on to the client"
                    : " speaks plain HTTP: the TLS handshake fails, every request gets " + e.tlsFailure())
                    + ". Fix: " + e.fixProtocol(listenerTls, port));
        }
        if (r.landing().listening().takesProxy() && !r.proxied()) {
            String key = r.landing().listening().key();
            out.add(e.connectionAt() + ": connects to " + r.route() + ", which takes a PROXY protocol header first"
                    + " (ingress.proxyProtocol), as a link sends it, and this hop sends none: the listener closes each"
                    + " connection, every request gets " + e.resetFailure() + ". Fix: connect through a link with"
                    + " proxyProtocol: v2, or take " + key.substring(key.indexOf('.') + 1) + " out of ingress.proxyProtocol");
        }
        return out;
    }
}
