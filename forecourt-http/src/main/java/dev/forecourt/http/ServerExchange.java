package dev.forecourt.http;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

/**
 * One request as it arrived on a listener, and the way to answer it. The head is the wire's: handlers may edit
 * its headers in place before forwarding. Hop-by-hop headers are still present; the edge decides what to drop.
 */
public final class ServerExchange {
    private final HttpRequest request;
    private final Body body;
    private final ConnectionInfo connection;
    private final ExchangeHandler owner;
    private final long startNanos;
    private boolean responded;
    private Runnable onClientGone;

    ServerExchange(HttpRequest request, Body body, ConnectionInfo connection, ExchangeHandler owner, long startNanos) {
        this.request = request;
        this.body = body;
        this.connection = connection;
        this.owner = owner;
        this.startNanos = startNanos;
    }

    public HttpRequest request() {
        return request;
    }

    public Body body() {
        return body;
    }

    public ConnectionInfo connection() {
        return connection;
    }

    /** The event loop this exchange lives on; upstream connections for it are taken from the same loop. */
    public EventLoop eventLoop() {
        return owner.eventLoop();
    }

    /** {@link System#nanoTime()} when the request head arrived. */
    public long startNanos() {
        return startNanos;
    }

    /**
     * Runs {@code action} once, on the event loop, if the client goes away (connection closed, HTTP/2 stream reset)
     * before this exchange is answered: work done only for this answer (a render waiting for a thread) can be
     * dropped. One action per exchange; a later call replaces it. Not run once the answer has started.
     */
    public void whenClientGone(Runnable action) {
        if (!owner.eventLoop().inEventLoop()) {
            owner.eventLoop().execute(() -> whenClientGone(action));
            return;
        }
        onClientGone = action;
    }

    /** The connection ended before an answer: tell whoever asked (once). */
    void clientGone() {
        Runnable r = onClientGone;
        onClientGone = null;
        if (r != null && !responded) {
            r.run();
        }
    }

    /** Sends the response head, then streams the body with backpressure. Call once, on the event loop. */
    public void respond(HttpResponse head, Body body, ResponseListener listener) {
        if (!owner.eventLoop().inEventLoop()) {
            owner.eventLoop().execute(() -> respond(head, body, listener));
            return;
        }
        if (responded) {
            throw new IllegalStateException("exchange already answered: " + request.method() + " " + request.uri());
        }
        responded = true;
        owner.respond(this, head, body, listener);
    }
}
