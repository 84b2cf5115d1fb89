package dev.forecourt.edge.role.ingress;

import dev.forecourt.edge.config.Cidr;
import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.TlsConfig;

import dev.forecourt.http.Limits;
import java.util.List;
import java.util.Set;

/**
 * The platform's front proxy: the public listener ({@code listen}), the private one a link reaches
 * ({@code privateListen}, serving public and private services), TLS, the Server header, access log and limits.
 * {@code trustForwardedFrom}: the peers whose forwarding headers ({@code X-Forwarded-*}, {@code Forwarded}, ...) are
 * kept; by default this machine's loopback, where the product's own distribution or API reaches the ingress.
 * {@code proxyProtocol}: the listeners ({@code listen}, {@code privateListen}) that take a PROXY protocol v2 header
 * first (a link's {@code proxyProtocol: v2}), whose client address is then the request's. {@code tlsListeners}: the
 * listeners that speak TLS when there is {@code tls} (both by default; {@code [privateListen]}: a private endpoint with
 * TLS beside a cleartext public one).
 */
public record IngressConfig(String listen, String privateListen, TlsConfig tls, String server,
                            AccessLogConfig accessLog, Limits limits, List<Cidr> trustForwardedFrom,
                            Set<String> proxyProtocol, Set<String> tlsListeners) {

    /** The ingress trusts its own machine: in the seed architecture the hops in front of it run here. */
    public static final List<Cidr> DEFAULT_TRUST = Cidr.LOOPBACK;

    public IngressConfig(String listen, String privateListen, TlsConfig tls, String server, AccessLogConfig accessLog,
                         Limits limits) {
        this(listen, privateListen, tls, server, accessLog, limits, null);
    }

    public IngressConfig(String listen, String privateListen, TlsConfig tls, String server, AccessLogConfig accessLog,
                         Limits limits, List<Cidr> trustForwardedFrom) {
        this(listen, privateListen, tls, server, accessLog, limits, trustForwardedFrom, Set.of());
    }

    public IngressConfig(String listen, String privateListen, TlsConfig tls, String server, AccessLogConfig accessLog,
                         Limits limits, List<Cidr> trustForwardedFrom, Set<String> proxyProtocol) {
        this(listen, privateListen, tls, server, accessLog, limits, trustForwardedFrom, proxyProtocol, null);
    }

    /** Whether the listener {@code key} ({@code listen} or {@code privateListen}) takes a PROXY header first. */
    public boolean takesProxyHeader(String key) {
        return proxyProtocol.contains(key);
    }

    /** Whether the listener {@code key} ({@code listen} or {@code privateListen}) is set and speaks TLS. */
    public boolean speaksTls(String key) {
        return tls != null && tlsListeners.contains(key) && (key.equals("listen") ? listen : privateListen) != null;
    }

    public IngressConfig {
        if (accessLog == null) accessLog = AccessLogConfig.DEFAULT;
        if (limits == null) limits = Limits.DEFAULT;
        trustForwardedFrom = trustForwardedFrom == null ? DEFAULT_TRUST : List.copyOf(trustForwardedFrom);
        proxyProtocol = proxyProtocol == null ? Set.of() : Set.copyOf(proxyProtocol);
        tlsListeners = tlsListeners == null ? Set.of("listen", "privateListen") : Set.copyOf(tlsListeners);
    }
}
