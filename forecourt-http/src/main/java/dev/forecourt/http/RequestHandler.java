package dev.forecourt.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;

/**
 * What a {@link Listener} calls. Both methods run on the connection's event loop and must not block.
 */
public interface RequestHandler {

    /** A request head arrived and passed the wire's checks; answer it with {@link ServerExchange#respond}. */
    void handle(ServerExchange exchange);

    /**
     * The wire refused a request (bad framing, oversize head, slow head) and will close the connection after
     * this answer. {@code request} is what was parsed of it, or null. Implementations render the error taxonomy
     * and log the refusal.
     */
    FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo connection, HttpRequest request);
}
