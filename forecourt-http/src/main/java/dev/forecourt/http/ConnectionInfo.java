package dev.forecourt.http;

import java.net.InetSocketAddress;

/**
 * Facts about the connection a request arrived on. {@code sni} is null without TLS or without SNI; {@code clientIp}
 * is the remote address as text (once per connection, not per request), null when the remote is not an IP socket.
 */
public record ConnectionInfo(InetSocketAddress remote, InetSocketAddress local, boolean secure, String sni,
                             String protocol, String clientIp) {

    public static ConnectionInfo of(InetSocketAddress remote, InetSocketAddress local, boolean secure, String sni,
                                    String protocol) {
        return new ConnectionInfo(remote, local, secure, sni, protocol,
                remote == null ? null : remote.getAddress().getHostAddress());
    }

    /** {@code https} or {@code http}: what the client used to reach this listener. */
    public String scheme() {
        return secure ? "https" : "http";
    }
}
