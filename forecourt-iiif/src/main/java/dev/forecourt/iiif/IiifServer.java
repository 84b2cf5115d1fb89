package dev.forecourt.iiif;

import dev.forecourt.edge.Corridor;
import dev.forecourt.edge.Hop;
import dev.forecourt.edge.Service;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.stage.Errors;
import dev.forecourt.edge.stage.HopStamp;
import dev.forecourt.edge.stage.TraceContext;
import dev.forecourt.iiif.imaging.ImagingEngine;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The image service as a hop ({@code app/iiif}): the same corridor rooms as every other role, in front of
 * {@link IiifService}, so its answers carry Via, Server-Timing, traceparent and the error taxonomy.
 */
public final class IiifServer {
    private IiifServer() {}

    public static Service corridor(IiifService service) {
        return Corridor.of(List.of(
                new HopStamp("forecourt-iiif"), // Via, Server-Timing, Server
                new Cors(),                     // any page may read images, info.json and errors too
                new Errors(Map.of()),           // failures become the taxonomy's answers
                new TraceContext()),            // traceparent continued or started, x-request-id
                service);                       // the Image API and its pages
    }

    /** A hop serving {@code settings.images()}, ready to hand to a listener. */
    public static Hop hop(String name, IiifSettings settings, ImagingEngine engine, AccessLog log, Metrics metrics)
            throws IOException {
        IiifService service = new IiifService(settings, engine);
        return new Hop("app", name, corridor(service), log, metrics.hop("app/" + name), "forecourt-iiif",
                new AtomicInteger());
    }
}
