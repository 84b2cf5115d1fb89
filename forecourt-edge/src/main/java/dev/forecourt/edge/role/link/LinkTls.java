package dev.forecourt.edge.role.link;

import dev.forecourt.edge.config.TlsConfig;
import java.util.List;
import java.util.Map;

/**
 * A link that terminates TLS (an NLB TLS listener): the listener's certificates and oldest version, what it offers by
 * ALPN (the NLB's ALPN policy; {@code None} by default, which offers nothing), and whether the relayed bytes go to
 * the targets as plain TCP or in TLS of their own ({@code targetProtocol}, a target group's protocol).
 */
public record LinkTls(TlsConfig listener, String alpnPolicy, boolean targetTls) {
    /** The NLB's ALPN policies and what each offers, the server's preference first. */
    public static final Map<String, List<String>> ALPN_POLICIES = Map.of(
            "None", List.of(),
            "HTTP1Only", List.of("http/1.1"),
            "HTTP2Only", List.of("h2"),
            "HTTP2Optional", List.of("http/1.1", "h2"),
            "HTTP2Preferred", List.of("h2", "http/1.1"));

    public List<String> alpn() {
        return ALPN_POLICIES.get(alpnPolicy);
    }
}
