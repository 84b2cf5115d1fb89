package dev.forecourt.cli.walk;

import dev.forecourt.edge.role.link.LinkConfig;
import dev.forecourt.http.HostPort;
import java.util.ArrayList;
import java.util.List;

/**
 * What the listener reached does not speak: cleartext to one that speaks TLS (it answers {@code 400 bad_request}: a
 * plain HTTP request on a TLS port), TLS to one that speaks cleartext (the handshake fails), or a request without the
 * PROXY protocol header a listener takes first from a link ({@code ingress.proxyProtocol}: it closes the
 * connection). A link in between changes nothing but that header: it relays bytes; unless it ends TLS itself, when
 * the handshake is the link's and the link's {@code targetProtocol} must be what the listener behind it speaks.
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
        LinkConfig link = r.terminatedAt();
        if (link != null && link.tls().targetTls() != (r.landing().tls() != null)) {
            boolean tls = link.tls().targetTls();
            out.add("links." + link.name() + ".tls.targetProtocol: " + (tls ? "tls" : "tcp") + ", but " + r.route()
                    + (tls ? " speaks plain HTTP: the link's handshake with it fails and each connection is reset"
                    : " speaks TLS: it answers every request 400 bad_request (plain HTTP on a TLS port)")
                    + ". Fix: targetProtocol: " + (tls ? "tcp" : "tls"));
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
