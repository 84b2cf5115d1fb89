package dev.forecourt.edge.runtime;

import dev.forecourt.edge.Response;
import dev.forecourt.edge.Exchange;
import dev.forecourt.edge.RejectionPage;

import dev.forecourt.edge.Service;
import dev.forecourt.edge.HopId;

import dev.forecourt.edge.config.ErrorsConfig;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.HopMetrics;
import dev.forecourt.edge.observe.Probes;
import dev.forecourt.edge.stage.Errors;
import dev.forecourt.edge.stage.TraceContext;
import dev.forecourt.edge.trace.HopNotes;
import dev.forecourt.edge.trace.HopTrace;
import dev.forecourt.edge.trace.Trace;
import dev.forecourt.edge.trace.TraceGate;
import dev.forecourt.http.ConnectionInfo;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.ResponseListener;
import dev.forecourt.http.ServerExchange;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named hop (a role instance such as {@code ingress/main}): what a listener calls. It runs each request through
 * its corridor, writes the answer, then logs and counts it (unless it is this process's own health check).
 */
public final class Hop implements RequestHandler {
    private final HopId id;
    private final Service corridor;
    private final AccessLog accessLog;
    private final HopMetrics metrics;
    private final String server;
    private final AtomicInteger inFlight;
    private final TraceGate traceGate;
    private final String traceKind; // an app's hop (the IIIF server) or a role's
    private final RejectionPage rejectionPage;

    /**
     * @param server the Server header for answers this hop makes itself (null: "forecourt")
     * @param inFlight counts exchanges not yet finished, for draining
     */
    public Hop(String role, String name, Service corridor, AccessLog accessLog, HopMetrics metrics, String server,
               AtomicInteger inFlight) {
        this(role, name, corridor, accessLog, metrics, server, inFlight, ErrorsConfig.Detail.LOCAL, TraceGate.OFF,
                RejectionPage.TEXT);
    }

    /**
     * @param errorDetail who is told the detail line of this hop's own error pages ({@link ErrorsConfig})
     * @param traceGate who may ask this hop for a trace, and where its records go
     * @param rejectionPage how it words a request its connection refused (an API's JSON, else the text page)
     */
    public Hop(String role, String name, Service corridor, AccessLog accessLog, HopMetrics metrics, String server,
               AtomicInteger inFlight, ErrorsConfig.Detail errorDetail, TraceGate traceGate, RejectionPage rejectionPage) {
        this.rejectionPage = rejectionPage;
        this.traceGate = traceGate;
        this.traceKind = role.equals("app") ? "app" : "http";
        this.id = new HopId(role, name, errorDetail);
        this.corridor = corridor;
        this.accessLog = accessLog;
        this.metrics = metrics;
        this.server = server == null ? "forecourt" : server;
        this.inFlight = inFlight;
    }

    public HopId id() {
        return id;
    }

    @Override
    public void handle(ServerExchange wire) {
        inFlight.incrementAndGet();
        boolean probe = Probes.take(wire.request().headers()); // this process's health check: not traffic
        Exchange x = new Exchange(wire, id, wire.request().headers().get(HttpHeaderNames.HOST));
        HopTrace trace = traceGate.admit(wire.request().headers(), wire.connection(), id.id(), traceKind);
        if (trace != null) {
            x.attr(Trace.HOP, trace);
            HopNotes.arrived(trace, x);
        }
        CompletionStage<Response> answer;
        try {
            answer = corridor.serve(x);
        } catch (RuntimeException e) {
            answer = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> {
            Response r = response != null ? response : internal(x, failure);
            x.responded();
            if (trace != null) {
                finish(trace, x, r);
            }
            wire.respond(r.head(), r.body(), (bytes, error) -> {
                inFlight.decrementAndGet();
                if (probe || error == ResponseListener.ALREADY_ANSWERED) {
                    return; // a health check is no traffic; the connection's own answer was logged where it was made
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

    /** The traced request's last note; a hop that answered before its trace context ran joins by the traceparent. */
    private static void finish(HopTrace trace, Exchange x, Response r) {
        HopNotes.returned(trace, x, r.head().status().code());
        if (trace.traceId() == null) {
            String parent = x.request().headers().get(dev.forecourt.http.HeaderNames.TRACEPARENT);
            if (parent != null && TraceContext.isValid(parent)) {
                trace.identified(parent.substring(3, 35));
            }
        }
    }

    /** Last resort for a corridor without an {@link Errors} stage: the same taxonomy answer, with our Server. */
    private Response internal(Exchange x, Throwable failure) {
        Response r = Errors.render(x, failure, java.util.Map.of());
        r.head().headers().set(HttpHeaderNames.SERVER, server);
        return r;
    }

    @Override
    public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo connection, HttpRequest request) {
        FullHttpResponse page = rejectionPage.render(type, id.id(), id.showsDetailTo(connection) ? detail : null);
        page.headers().set(HttpHeaderNames.SERVER, server);
        page.headers().add(HttpHeaderNames.VIA, id.via(connection.protocol()));
        // what the client is sent, as for every other answer's line (a HEAD gets the head alone)
        int bytes = request != null && HttpMethod.HEAD.equals(request.method()) ? 0 : page.content().readableBytes();
        metrics.record(type.status().code(), type, 0);
        accessLog.logRejection(id, type, connection, request, bytes);
        return page;
    }
}
