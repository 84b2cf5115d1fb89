package dev.forecourt.edge.admin;

import dev.forecourt.edge.ErrorPage;
import dev.forecourt.edge.cache.HttpCache;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.trace.TraceJson;
import dev.forecourt.edge.trace.Traces;
import dev.forecourt.edge.process.Fleet;
import dev.forecourt.http.Body;
import dev.forecourt.http.ConnectionInfo;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.ResponseListener;
import dev.forecourt.http.ServerExchange;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The admin listener: {@code GET /metrics} (Prometheus text) and {@code GET /health} (503 while draining). */
public final class Admin implements RequestHandler {
    private final Metrics metrics;
    private final BooleanSupplier draining;
    private final Map<String, HttpCache> caches;
    private final String token;
    private final Traces traces;
    private final Map<String, Fleet> fleets;

    /**
     * {@code caches}: each distribution's store, by distribution name, for invalidation; {@code token}: what an
     * invalidation must carry as {@code Authorization: Bearer TOKEN} (null: nothing).
     */
    public Admin(Metrics metrics, BooleanSupplier draining, Map<String, HttpCache> caches, String token) {
        this(metrics, draining, caches, token, Map.of(), new Traces());
    }

    /**
     * {@code fleets}: each run: service's instances, by service name, for deployments; {@code traces}: this
     * process's traced requests.
     */
    public Admin(Metrics metrics, BooleanSupplier draining, Map<String, HttpCache> caches, String token,
                 Map<String, Fleet> fleets, Traces traces) {
        this.metrics = metrics;
        this.draining = draining;
        this.caches = Map.copyOf(caches);
        this.token = token;
        this.traces = traces;
        this.fleets = Map.copyOf(fleets);
    }

    public Admin(Metrics metrics, BooleanSupplier draining, Map<String, HttpCache> caches) {
        this(metrics, draining, caches, null);
    }

    public Admin(Metrics metrics, BooleanSupplier draining) {
        this(metrics, draining, Map.of());
    }

    @Override
    public void handle(ServerExchange exchange) {
        String uri = exchange.request().uri();
        if (Invalidations.handles(uri)) {
            Invalidations.handle(exchange, caches, token);
            return;
        }
        if (uri.startsWith(Deployments.PREFIX)) {
            Deployments.handle(exchange, fleets, token);
            return;
        }
        Body.drain(exchange.body(), bytes -> {
            if (bytes >= 0) {
                answer(exchange);
            }
        });
    }

    private void answer(ServerExchange exchange) {
        String path = exchange.request().uri();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        HttpMethod method = exchange.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            FullHttpResponse refused = error(ErrorType.METHOD_NOT_ALLOWED, "the admin listener's " + path + " is read"
                    + " with GET or HEAD, not " + method, null);
            refused.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(exchange, refused);
            return;
        }
        if (path.equals(TRACES) || path.startsWith(TRACES + "/")) {
            traces(exchange, path);
            return;
        }
        switch (path) {
            case "/metrics" -> send(exchange, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            case "/health" -> {
                boolean d = draining.getAsBoolean();
                send(exchange, d ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK, "text/plain; charset=utf-8",
                        d ? "draining\n" : "ok\n");
            }
            default -> send(exchange, error(ErrorType.NO_ROUTE, "the admin listener serves /metrics, /health, /traces/ID,"
                    + " POST /distributions/NAME/invalidations, /apis/NAME/invalidations and /services/NAME/deployments,"
                    + " not '" + path + "'",
                    "ask for /metrics or /health."));
        }
    }

    private static final String TRACES = "/traces";

    /**
     * {@code GET /traces} (the ids held) and {@code GET /traces/ID} (one trace, JSON): what {@code forecourt trace}
     * reads. Traces show paths, hosts and header names of real requests: with an admin token, they need it.
     */
    private void traces(ServerExchange exchange, String path) {
        if (token != null && !AdminToken.carries(exchange.request(), token)) {
            send(exchange, error(ErrorType.UNAUTHORIZED, "traces show what real requests carried: this admin listener "
                    + "has a token, and the request did not carry it", "send Authorization: Bearer TOKEN (forecourt trace "
                    + "--token, or FORECOURT_ADMIN_TOKEN)."));
            return;
        }
        if (path.equals(TRACES)) {
            send(exchange, HttpResponseStatus.OK, "application/json", TraceJson.ids(traces.ids()));
            return;
        }
        String id = path.substring(TRACES.length() + 1);
        var hops = traces.get(id);
        if (hops.isEmpty()) {
            send(exchange, error(ErrorType.NO_ROUTE, "no trace '" + id + "' is held here (the newest "
                    + Traces.DEFAULT_CAPACITY + " are kept; each hop keeps its own in the process it runs in)",
                    "send the request with forecourt-trace: on (forecourt trace URL does), then ask the admin listener of "
                            + "the process whose hops it crossed."));
            return;
        }
        send(exchange, HttpResponseStatus.OK, "application/json", TraceJson.of(id, hops));
    }

    /** The admin listener's answer in the taxonomy, with forecourt-hop {@code admin}. */
    static FullHttpResponse error(ErrorType type, String detail, String fix) {
        return ErrorPage.render(type, type.status(), "admin", detail, fix, null);
    }

    static void send(ServerExchange exchange, FullHttpResponse page) {
        exchange.respond(new DefaultHttpResponse(page.protocolVersion(), page.status(), page.headers()),
                Body.of(page.content()), ResponseListener.NONE);
    }

    static void send(ServerExchange exchange, HttpResponseStatus status, String type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        exchange.respond(head, Body.of(Unpooled.wrappedBuffer(bytes)), ResponseListener.NONE);
    }

    @Override
    public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo connection, HttpRequest request) {
        return error(type, detail, null);
    }
}
