package dev.forecourt.http;

import java.net.InetSocketAddress;

/**
 * Where and how a listener accepts: its address, its TLS (null for cleartext), its limits, and whether each
 * connection must start with a PROXY protocol v2 header (sent by a link in front of it; off by default).
 */
public record ListenerSpec(String name, InetSocketAddress address, ServerTls tls, Limits limits, boolean proxyProtocol) {
    public ListenerSpec {
        if (address == null) throw new IllegalArgumentException("listener '" + name + "' needs an address");
        if (limits == null) limits = Limits.DEFAULT;
    }

    /** A listener whose clients connect directly (no PROXY protocol header). */
    public ListenerSpec(String name, InetSocketAddress address, ServerTls tls, Limits limits) {
        this(name, address, tls, limits, false);
    }

    /** This spec, requiring (or not) a PROXY protocol v2 header before anything else on each connection. */
    public ListenerSpec withProxyProtocol(boolean required) {
        return new ListenerSpec(name, address, tls, limits, required);
    }
}
