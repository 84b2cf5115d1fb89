package dev.forecourt.http;

import io.netty.handler.codec.http.HttpResponse;

/** The outcome of sending a request upstream: a response head with its streaming body, or a taxonomy error. */
public interface UpstreamCallback {
    void onResponse(HttpResponse head, Body body);

    void onFailure(ForecourtException failure);

    /**
     * The connection the request goes out on, before it is sent ({@code reused}: a pooled keep-alive one; else just
     * connected, before any TLS handshake): {@code trace} says which, and a link on the way knows it by
     * {@code local}. Nothing by default.
     */
    default void onConnection(java.net.InetSocketAddress local, java.net.InetSocketAddress remote, boolean reused) {}
}
