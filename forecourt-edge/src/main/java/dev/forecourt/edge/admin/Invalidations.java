package dev.forecourt.edge.admin;

import static dev.forecourt.edge.admin.AdminReplies.drainThen;
import static dev.forecourt.edge.admin.AdminReplies.error;

import dev.forecourt.edge.cache.HttpCache;
import dev.forecourt.edge.role.Assembly;
import dev.forecourt.http.BodySink;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.JsonString;
import dev.forecourt.http.ServerExchange;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /distributions/NAME/invalidations} on the admin listener, with the paths in the body, one per line
 * (each exact, or ending in {@code *} for a prefix), as CloudFront's CreateInvalidation takes them; likewise
 * {@code POST /apis/NAME/invalidations} for an API whose routes cache (API Gateway has no such cache, so no such
 * call: the distribution's is the model). Answers 201 with how many objects went. The body is bounded (64 KiB). With
 * an admin token, only a request carrying it ({@code Authorization: Bearer TOKEN}) gets further than 401.
 */
final class Invalidations {
    private Invalidations() {}

    static final String PREFIX = "/distributions/";
    static final String API_PREFIX = "/apis/";
    private static final int MAX_BODY = 64 * 1024;

    static boolean handles(String uri) {
        return uri.startsWith(PREFIX) || uri.startsWith(API_PREFIX);
    }

    /** {@code caches}: distributions' by name, APIs' as {@code api/NAME}. */
    static void handle(ServerExchange exchange, Map<String, HttpCache> caches, String token) {
        String path = exchange.request().uri();
        boolean api = path.startsWith(API_PREFIX);
        String kind = api ? "api" : "distribution";
        String prefix = api ? API_PREFIX : PREFIX;
        String name = AdminReplies.named(exchange, prefix, "/invalidations",
                "POST the paths to " + prefix + "NAME/invalidations");
        if (name == null || !AdminReplies.authorized(exchange, token, "invalidations")) {
            return;
        }
        HttpCache cache = caches.get(api ? Assembly.API_CACHE_PREFIX + name : name);
        if (cache == null) {
            List<String> known = caches.keySet().stream().filter(k -> k.startsWith(Assembly.API_CACHE_PREFIX) == api)
                    .map(k -> api ? k.substring(Assembly.API_CACHE_PREFIX.length()) : k).sorted().toList();
            drainThen(exchange, () -> error(exchange, ErrorType.NOT_FOUND, "no " + kind + " named '" + name + "'"
                    + (api ? " that caches" : "") + "; " + kind + "s" + (api ? " with a cache" : "") + ": "
                    + (known.isEmpty() ? "(none)" : String.join(", ", known)), null));
            return;
        }
        if (!exchange.request().method().equals(HttpMethod.POST)) {
            drainThen(exchange, () -> {
                FullHttpResponse page = Admin.error(ErrorType.METHOD_NOT_ALLOWED, "invalidations are created with POST",
                        "curl -X POST --data-binary $'/images/*\\n/index.html' http://ADMIN" + path);
                page.headers().set(HttpHeaderNames.ALLOW, "POST");
                Admin.send(exchange, page);
            });
            return;
        }
        ByteBuf body = Unpooled.buffer(256);
        exchange.body().subscribe(new BodySink() {
            private boolean tooLarge;

            @Override
            public void onContent(HttpContent content) {
                if (!tooLarge && body.readableBytes() + content.content().readableBytes() <= MAX_BODY) {
                    body.writeBytes(content.content());
                } else {
                    tooLarge = true;
                }
                boolean last = content instanceof LastHttpContent;
                content.release();
                if (last) {
                    String text = body.toString(StandardCharsets.UTF_8);
                    body.release();
                    if (tooLarge) {
                        error(exchange, ErrorType.BAD_REQUEST, "the list of paths is larger than 64 KiB", "send fewer paths, or a prefix with *");
                    } else {
                        invalidate(exchange, kind, name, cache, text);
                    }
                }
            }

            @Override
            public void onError(Throwable cause) {
                body.release();
            }
        });
    }

    private static void invalidate(ServerExchange exchange, String kind, String name, HttpCache cache, String text) {
        List<String> paths = new ArrayList<>();
        for (String line : text.split("\n")) {
            String p = line.trim();
            if (p.isEmpty()) continue;
            if (!p.startsWith("/")) {
                error(exchange, ErrorType.BAD_REQUEST, "path '" + p + "' does not start with /",
                        "write paths as /images/a.jpg or /images/*");
                return;
            }
            paths.add(p);
        }
        if (paths.isEmpty()) {
            error(exchange, ErrorType.BAD_REQUEST, "no paths in the body", "one path per line, e.g. /images/*");
            return;
        }
        int n = cache.invalidate(paths);
        StringBuilder json = new StringBuilder("{\"").append(kind).append("\":");
        JsonString.append(json, name).append(",\"paths\":[");
        for (int i = 0; i < paths.size(); i++) {
            if (i > 0) json.append(',');
            JsonString.append(json, paths.get(i));
        }
        json.append("],\"invalidated\":").append(n).append("}\n");
        Admin.send(exchange, HttpResponseStatus.CREATED, "application/json", json.toString());
    }
}
