package dev.forecourt.http;

import java.net.InetSocketAddress;

/** Where and how a listener accepts: its address, its TLS (null for cleartext) and its limits. */
public record ListenerSpec(String name, InetSocketAddress address, ServerTls tls, Limits limits) {
    public ListenerSpec {
        if (address == null) throw new IllegalArgumentException("listener '" + name + "' needs an address");
        if (limits == null) limits = Limits.DEFAULT;
    }
}
