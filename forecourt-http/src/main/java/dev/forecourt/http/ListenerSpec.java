package dev.forecourt.http;

import java.net.InetAddress;
import java.util.function.Predicate;
import java.net.InetSocketAddress;

/**
 * Where and how a listener accepts: its address, its TLS (null for cleartext), its limits, and whether each
 * connection must start with a PROXY protocol v2 header (sent by a link in front of it; off by default), and from
 * which peers such a header is believed ({@code proxyPeers}; by default this machine only): a header names the
 * client that trust and error detail are judged by, so one from anyone else would let them name themselves.
 */
public record ListenerSpec(String name, InetSocketAddress address, ServerTls tls, Limits limits, boolean proxyProtocol,
                           Predicate<InetAddress> proxyPeers) {
    /** PROXY headers believed from this machine only. */
    public static final Predicate<InetAddress> LOOPBACK = InetAddress::isLoopbackAddress;

    public ListenerSpec {
        if (address == null) throw new IllegalArgumentException("listener '" + name + "' needs an address");
        if (limits == null) limits = Limits.DEFAULT;
        if (proxyPeers == null) proxyPeers = LOOPBACK;
    }

    public ListenerSpec(String name, InetSocketAddress address, ServerTls tls, Limits limits, boolean proxyProtocol) {
        this(name, address, tls, limits, proxyProtocol, LOOPBACK);
    }

    /** A listener whose clients connect directly (no PROXY protocol header). */
    public ListenerSpec(String name, InetSocketAddress address, ServerTls tls, Limits limits) {
        this(name, address, tls, limits, false);
    }

    /** This spec, requiring (or not) a PROXY protocol v2 header before anything else on each connection. */
    public ListenerSpec withProxyProtocol(boolean required) {
        return new ListenerSpec(name, address, tls, limits, required, proxyPeers);
    }

    /** This spec, believing PROXY headers from the peers {@code peers} accepts only. */
    public ListenerSpec withProxyPeers(Predicate<InetAddress> peers) {
        return new ListenerSpec(name, address, tls, limits, proxyProtocol, peers);
    }
}
