package dev.forecourt.edge;

import dev.forecourt.edge.config.ErrorsConfig;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.HopMetrics;
import dev.forecourt.edge.observe.Probes;
import dev.forecourt.edge.stage.Errors;
import dev.forecourt.http.ConnectionInfo;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.ServerExchange;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AsciiString;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named hop (a role instance such as {@code ingress/main}): what a listener calls. It runs each request through
 * its corridor, writes the answer, then logs and counts it (unless it is this process's own health check).
 */
public final class Hop implements RequestHandler {
    private final String role;
    private final String name;
    private final String id;
    private final String token;
    private final Service corridor;
    private final AccessLog accessLog;
    private final HopMetrics metrics;
    private final String server;
    private final AtomicInteger inFlight;
    private final ErrorsConfig.Detail errorDetail;
    private final AsciiString via11; // bytes copied as they are by the encoder, for every request and response
    private final AsciiString via2;

    /**
     * @param server the Server header for answers this hop makes itself (null: "forecourt")
     * @param inFlight counts exchanges not yet finished, for draining
     */
    public Hop(String role, String name, Service corridor, AccessLog accessLog, HopMetrics metrics, String server,
               AtomicInteger inFlight) {
        this(role, name, corridor, accessLog, metrics, server, inFlight, ErrorsConfig.Detail.LOCAL);
    }

    /** @param errorDetail who is told the detail line of this hop's own error pages ({@link ErrorsConfig}) */
    public Hop(String role, String name, Service corridor, AccessLog accessLog, HopMetrics metrics, String server,
               AtomicInteger inFlight, ErrorsConfig.Detail errorDetail) {
        this.errorDetail = errorDetail;
        this.role = role;
        this.name = name;
        this.id = role + "/" + name;
        this.token = role + "-" + name;
        this.corridor = corridor;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.server = server == null ? "forecourt" : server;
        this.inFlight = inFlight;
        this.via11 = new AsciiString("1.1 " + token() + " (forecourt)");
        this.via2 = new AsciiString("2 " + token() + " (forecourt)");
    }

    /** Whether this hop's own error pages tell this client the detail (addresses, library messages) or only a summary. */
    public boolean showsDetailTo(ConnectionInfo client) {
        return switch (errorDetail) {
            case FULL -> true;
            case SAFE -> false;
            case LOCAL -> client.remote() != null && client.remote().getAddress().isLoopbackAddress();
        };
    }

    /** This hop's {@code Via} element for a request that arrived over {@code protocol}. */
    public AsciiString via(String protocol) {
        return protocol.startsWith("HTTP/2") ? via2 : via11;
    }

    public String role() {
        return role;
    }

    public String name() {
        return name;
    }

    /** {@code role/name}, as in {@code forecourt-hop}. */
    public String id() {
        return id;
    }

    /** A Via/Server-Timing token for this hop: {@code role-name}. */
    public String token() {
        return token;
    }

    @Override
    public void handle(ServerExchange wire) {
        inFlight.incrementAndGet();
        boolean probe = Probes.take(wire.request().headers()); // this process's health check: not traffic
        Exchange x = new Exchange(wire, this, wire.request().headers().get(HttpHeaderNames.HOST));
        CompletionStage<Response> answer;
        try {
            answer = corridor.serve(x);
        } catch (RuntimeException e) {
            answer = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> {
            Response r = response != null ? response : internal(x, failure);
            x.responded();
            wire.respond(r.head(), r.body(), (bytes, error) -> {
                inFlight.decrementAndGet();
                if (probe) {
                    return;
                }
                int status = r.head().status().code();
                metrics.record(status, x.error(), System.nanoTime() - x.startNanos());
                if (x.cacheResult() != null) {
                    metrics.recordCache(x.cacheResult());
                }
                accessLog.log(x, status, bytes, error);
            });
        });
    }

    /** Last resort for a corridor without an {@link Errors} stage: the same taxonomy answer, with our Server. */
    private Response internal(Exchange x, Throwable failure) {
        Response r = Errors.render(x, failure, java.util.Map.of());
        r.head().headers().set(HttpHeaderNames.SERVER, server);
        return r;
    }

    @Override
    public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo connection, HttpRequest request) {
        FullHttpResponse page = ErrorPage.render(type, type.status(), id, showsDetailTo(connection) ? detail : null, null, null);
        page.headers().set(HttpHeaderNames.SERVER, server);
        page.headers().add(HttpHeaderNames.VIA, via(connection.protocol()));
        metrics.record(type.status().code(), type, 0);
        accessLog.logRejection(this, type, connection, request);
        return page;
    }
}
