package dev.forecourt.cli.walk;

import java.util.List;

/**
 * TLS versions offered that the listener accepts none of: a distribution origin's {@code sslProtocols} of TLSv1 and
 * TLSv1.1 only (the cloud accepts them) to a Forecourt listener, which speaks TLSv1.2 at the oldest.
 */
final class TlsVersionFinding implements Finding {
    @Override
    public List<String> judge(Edge e, Reached r, Topology t) {
        if (!e.connection().tls() || r.tlsMet() == null) return List.of();
        String minimum = r.tlsMet().minimumProtocol();
        List<String> accepted = minimum.equals("TLSv1.3") ? List.of("TLSv1.3") : List.of("TLSv1.2", "TLSv1.3");
        if (e.connection().tlsVersions().stream().anyMatch(accepted::contains)) return List.of();
        return List.of(e.connectionAt() + ": offers only " + String.join(", ", e.connection().tlsVersions()) + " to " + r.route()
                + ", which needs " + accepted.getFirst() + " or later (" + (minimum.equals("TLSv1.2")
                ? "Forecourt speaks nothing older" : "its minimumProtocol") + "): every handshake fails, every request"
                + " gets " + e.tlsFailure()
                + ". Fix: " + e.fixVersions(accepted));
    }
}
