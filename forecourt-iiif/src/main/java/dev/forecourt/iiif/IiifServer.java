package dev.forecourt.iiif;

import dev.forecourt.edge.Corridor;
import dev.forecourt.edge.runtime.Hop;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.trace.TraceGate;
import dev.forecourt.edge.policy.CorsRules;
import dev.forecourt.edge.stage.Cors;
import dev.forecourt.edge.stage.Errors;
import dev.forecourt.edge.stage.HopStamp;
import dev.forecourt.edge.stage.TraceContext;
import dev.forecourt.http.ConnectionInfo;
import dev.forecourt.http.ErrorType;
import dev.forecourt.http.RequestHandler;
import dev.forecourt.http.ServerExchange;
import dev.forecourt.iiif.imaging.ImagingEngine;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The image service as a hop ({@code app/NAME}): the same corridor rooms as every other role, in front of
 * {@link IiifService}, so its answers carry Via, Server-Timing, traceparent and the error taxonomy.
 */
public final class IiifServer {
    private IiifServer() {}

    /**
     * Images and their information are public: any page may read them (the IIIF {@code cors} feature, which asks for
     * {@code Access-Control-Allow-Origin: *}), errors included, and the headers a viewer needs (Link, ETag) are
     * exposed. Preflights are answered here.
     */
    static final CorsRules PUBLIC = new CorsRules(List.of(CorsRules.ANY), List.of("GET", "HEAD", "OPTIONS"),
            List.of(CorsRules.ANY), List.of("Link", "ETag", "Server-Timing"), false, Duration.ofDays(1), true);

    public static Service corridor(IiifService service) {
        return Corridor.of(List.of(
                new HopStamp("forecourt-iiif"), // Via, Server-Timing, Server
                Cors.publicResource(PUBLIC),    // any page may read images, info.json and errors too
                new Errors(Map.of()),           // failures become the taxonomy's answers
                new TraceContext()),            // traceparent continued or started, x-request-id
                service);                       // the Image API and its pages
    }

    /** A handler serving {@code settings.images()}, for a listener; closing it stops its render workers. */
    public static Handler handler(String name, IiifSettings settings, ImagingEngine engine, AccessLog log,
                                  Metrics metrics) throws IOException {
        return handler(name, settings, engine, log, metrics, TraceGate.OFF);
    }

    /** {@code traces}: who may ask it for a trace (as an app behind the ingress: loopback), and where notes go. */
    public static Handler handler(String name, IiifSettings settings, ImagingEngine engine, AccessLog log,
                                  Metrics metrics, TraceGate traces) throws IOException {
        IiifService service = new IiifService(settings, engine);
        Hop hop = new Hop("app", name, corridor(service), log, metrics.hop("app/" + name), "forecourt-iiif",
                new AtomicInteger(), dev.forecourt.edge.config.ErrorsConfig.Detail.LOCAL, traces,
                dev.forecourt.edge.RejectionPage.TEXT);
        return new Handler(hop, service);
    }

    /** The hop, and the service whose render pool goes away with it. */
    public record Handler(Hop hop, IiifService service) implements RequestHandler, AutoCloseable {
        @Override
        public void handle(ServerExchange exchange) {
            hop.handle(exchange);
        }

        @Override
        public FullHttpResponse reject(ErrorType type, String detail, ConnectionInfo connection, HttpRequest request) {
            return hop.reject(type, detail, connection, request);
        }

        @Override
        public void close() {
            service.close();
        }
    }
}
