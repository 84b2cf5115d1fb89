package dev.forecourt.cli.walk;

import java.util.List;

/**
 * One connection a hop makes, as the file writes it: a distribution behavior to its origin ({@link OriginEdge}), an
 * API route to its integration ({@link IntegrationEdge}). It says what it sends (Host, path, TLS) and, in its role's
 * own words, how that role answers a failure and what to write instead; the findings judge it against where it
 * lands ({@link Topology#reached}).
 */
interface Edge {
    /** The key a finding about the requests it sends (their path) names: the behavior, the route's integration. */
    String at();

    /** The key a finding about the connection names: an origin is told once, not once per behavior using it. */
    String connectionAt();

    /** The key where the Host it sends is chosen: a behavior's policy, an origin's domain, a mapping, a uri. */
    String hostAt();

    /** How the Host is chosen, for messages: "the viewer's, as originRequestPolicy 'AllViewer' forwards it". */
    String hostWhy();

    /** How it connects. */
    Connection connection();

    /** What reaches it from its own clients: its hop's names as Host, and the paths its pattern or route takes. */
    Request arrived();

    /** What it sends on for requests like {@code arrived}. */
    default Request sent(Request arrived) {
        return new Request(hostsSent(arrived), pathSent(arrived));
    }

    /** The Host values it sends for requests like {@code arrived}; null when the file does not tell. */
    List<String> hostsSent(Request arrived);

    /** The paths it sends for requests like {@code arrived}. */
    PathStart pathSent(Request arrived);

    /** Its protocol, for messages: "origin 'app' is https-only", "this integration speaks TLS". */
    String speaks();

    /** How its hop answers a failed TLS handshake: "502 upstream_tls_failure". */
    String tlsFailure();

    /** How its hop answers a connection closed before any answer: "502 upstream_reset". */
    String resetFailure();

    /** What to write to speak the protocol a listener speaks (TLS or not), on {@code port}. */
    String fixProtocol(boolean toTls, int port);

    /** What to write to offer a TLS version among {@code accepted}. */
    String fixVersions(List<String> accepted);

    /** What to write to send a Host the landing serves instead of {@code hosts} ("'a', 'b'"). */
    String fixHost(Landing to, String hosts);

    /** What to write to send a name the landing's certificates cover ({@code names}), or SNI at all. */
    String fixServerName(List<String> names);

    /** What to write to send paths the next hop serves. */
    String fixPath(PathStart sent);
}
