package dev.forecourt.edge.admin;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Whether a request carries the admin token as {@code Authorization: Bearer TOKEN}. */
final class AdminToken {
    private AdminToken() {}

    static boolean carries(HttpRequest request, String token) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        // Compared in constant time, so that the answer's timing tells nothing of how much of a guess was right.
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
