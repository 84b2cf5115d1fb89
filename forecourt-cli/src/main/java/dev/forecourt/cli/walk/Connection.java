package dev.forecourt.cli.walk;

import dev.forecourt.http.HostPort;
import java.util.List;

/**
 * How an edge connects: where (a name or address and port, as the engine resolves them, {@code resolve:} first),
 * whether it speaks TLS, the name it sends as SNI and verifies the certificate against (null: none), and the TLS
 * versions it offers.
 */
record Connection(HostPort target, boolean tls, String serverName, List<String> tlsVersions) {}
