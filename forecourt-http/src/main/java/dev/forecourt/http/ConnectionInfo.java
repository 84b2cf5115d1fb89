package dev.forecourt.http;

import java.net.InetSocketAddress;

/** Facts about the connection a request arrived on. {@code sni} is null without TLS or without SNI. */
public record ConnectionInfo(InetSocketAddress remote, InetSocketAddress local, boolean secure, String sni,
                             String protocol) {

    /** {@code https} or {@code http}: what the client used to reach this listener. */
    public String scheme() {
        return secure ? "https" : "http";
    }
}
