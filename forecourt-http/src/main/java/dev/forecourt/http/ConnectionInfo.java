package dev.forecourt.http;

import java.net.InetSocketAddress;

/**
 * Facts about the connection a request arrived on. {@code sni} is null without TLS or without SNI; {@link #clientIp}
 * is the remote address as text, made once per connection rather than per request (every forwarded request and log
 * line needs it).
 */
public final class ConnectionInfo {
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final boolean secure;
    private final String sni;
    private final String protocol;
    private final String clientIp;

    public ConnectionInfo(InetSocketAddress remote, InetSocketAddress local, boolean secure, String sni, String protocol) {
        this.remote = remote;
        this.local = local;
        this.secure = secure;
        this.sni = sni;
        this.protocol = protocol;
        this.clientIp = remote == null ? null : remote.getAddress().getHostAddress();
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public InetSocketAddress local() {
        return local;
    }

    public boolean secure() {
        return secure;
    }

    public String sni() {
        return sni;
    }

    /** {@code HTTP/1.1} or {@code HTTP/2.0}. */
    public String protocol() {
        return protocol;
    }

    /** The remote address as text; null when the remote is not an IP socket. */
    public String clientIp() {
        return clientIp;
    }

    /** {@code https} or {@code http}: what the client used to reach this listener. */
    public String scheme() {
        return secure ? "https" : "http";
    }
}
