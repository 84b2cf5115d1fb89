package dev.forecourt.edge.admin;

import dev.forecourt.http.Body;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.ServerExchange;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;

/** Answers the admin listener's resources share: after the request's body, an error, the token's refusal. */
final class AdminReplies {
    private AdminReplies() {}

    /**
     * The NAME of a request for {@code PREFIX NAME RESOURCE} ({@code /services/}, {@code /deployments}); null after
     * answering 404 when the path is no such resource ({@code usage} says what is).
     */
    static String named(ServerExchange exchange, String prefix, String resource, String usage) {
        String path = exchange.request().uri();
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !rest.substring(slash).equals(resource)) {
            drainThen(exchange, () -> error(exchange, ErrorType.NOT_FOUND, "'" + path + "' is not an admin resource", usage));
            return null;
        }
        return rest.substring(0, slash);
    }

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
