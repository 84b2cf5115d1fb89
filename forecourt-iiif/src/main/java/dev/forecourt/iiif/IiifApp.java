package dev.forecourt.iiif;

import dev.forecourt.edge.app.Apps;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.trace.TraceGate;
import dev.forecourt.edge.trace.Traces;
import dev.forecourt.http.RequestHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The embedded instance kind {@code app: {iiif: {images: DIR, baseUri: ..., cache: ..., cacheSize: ...}}}. */
public final class IiifApp implements Apps.AppKind {
    @Override
    public String name() {
        return "iiif";
    }

    @Override
    public Set<String> settings() {
        return Set.of("images", "baseUri", "cache", "cacheSize", "maxPixels", "engine");
    }

    /** The Image API, the image list, the viewer, its scripts and the health page ({@link Pages}). */
    @Override
    public List<String> paths() {
        return List.of("/iiif/*", "/health", "/", "/view/*", "/static/openseadragon/*");
    }

    @Override
    public Map<String, String> problems(Map<String, String> s) {
        String size = s.get("cacheSize");
        String problem = size == null ? null : CacheSize.problem(s.get("cache"), size);
        return problem == null ? Map.of() : Map.of("cacheSize", problem);
    }

    @Override
    public RequestHandler create(String service, Map<String, String> s, Metrics metrics, Traces traces) throws Exception {
        String images = s.get("images");
        if (images == null) {
            throw new IllegalArgumentException("app iiif of service '" + service + "' needs images: DIR");
        }
        IiifSettings settings = IiifSettings.defaults(Path.of(images)).withBaseUri(s.get("baseUri")).withCache(s.get("cache"));
        if (s.containsKey("cacheSize")) {
            settings = settings.withCacheSize(CacheSize.parse(s.get("cacheSize")));
        }
        if (s.containsKey("maxPixels")) {
            settings = settings.withMaxPixels(Long.parseLong(s.get("maxPixels")));
        }
        return IiifServer.handler(service, settings, Engines.choose(s.getOrDefault("engine", "auto"),
                settings.engineCache()), AccessLog.off(), metrics, new TraceGate(traces, null, peer -> false));
    }
}
