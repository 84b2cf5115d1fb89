package dev.forecourt.edge.admin;

import dev.forecourt.http.Body;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ServerExchange;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;

/** Answers the admin listener's resources share: after the request's body, an error, the token's refusal. */
final class AdminReplies {
    private AdminReplies() {}

    /** Reads the request's body to its end (dropping it), then runs {@code then}; nothing if the request broke. */
    static void drainThen(ServerExchange exchange, Runnable then) {
        Body.drain(exchange.body(), n -> {
            if (n >= 0) then.run();
        });
    }

    static void error(ServerExchange exchange, ErrorType type, String detail, String fix) {
        Admin.send(exchange, Admin.error(type, detail, fix));
    }

    /**
     * False after answering 401 when there is a {@code token} the request does not carry: asked before anything
     * else is said, so that a caller without it learns no names. {@code what}: what needs it ("invalidations").
     */
    static boolean authorized(ServerExchange exchange, String token, String what) {
        if (token == null || AdminToken.carries(exchange.request(), token)) {
            return true;
        }
        drainThen(exchange, () -> {
            FullHttpResponse page = Admin.error(ErrorType.UNAUTHORIZED, what + " need the admin token",
                    "send Authorization: Bearer TOKEN (admin.token in the configuration)");
            page.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            Admin.send(exchange, page);
        });
        return false;
    }
}
