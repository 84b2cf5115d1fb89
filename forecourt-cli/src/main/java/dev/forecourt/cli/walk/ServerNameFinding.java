package dev.forecourt.cli.walk;

import dev.forecourt.cli.load.CertificateNames;
import dev.forecourt.http.ServerTls;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * TLS to a listener of this file without a server name (SNI), or with one its certificates do not cover: the
 * hop verifies the certificate against that name, so the handshake fails. (Certificates that cannot be read are
 * the load check's to report.)
 */
final class ServerNameFinding implements Finding {
    @Override
    public List<String> judge(Edge e, Reached r, Topology t) {
        if (!e.connection().tls() || r.tlsMet() == null) return List.of();
        Set<String> names = new LinkedHashSet<>();
        try {
            for (ServerTls.Certificate c : r.tlsMet().certificates()) names.addAll(ServerTls.namesOf(c.cert()));
        } catch (Exception unreadable) {
            return List.of();
        }
        List<String> covered = List.copyOf(names);
        String sni = e.connection().serverName();
        if (sni == null) {
            return List.of(e.connectionAt() + ": sends no server name (SNI) over TLS to " + r.route() + ": that"
                    + " listener cannot pick its certificate and the name cannot be verified, the handshake fails,"
                    + " every request gets " + e.tlsFailure() + ". Fix: " + e.fixServerName(covered));
        }
        if (CertificateNames.cover(names, sni)) return List.of();
        return List.of(e.connectionAt() + ": sends '" + sni + "' as SNI and verifies the certificate against it, but"
                + " the certificates of " + r.route() + " cover " + String.join(", ", names)
                + CertificateNames.wildcardNote(names, sni) + ": the handshake fails, every request gets "
                + e.tlsFailure() + ". Fix: " + e.fixServerName(covered));
    }
}
