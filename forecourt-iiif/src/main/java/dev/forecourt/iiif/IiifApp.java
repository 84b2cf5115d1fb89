package dev.forecourt.iiif;

import dev.forecourt.edge.app.Apps;
import dev.forecourt.edge.observe.AccessLog;
import dev.forecourt.edge.observe.Metrics;
import dev.forecourt.edge.trace.TraceGate;
import dev.forecourt.edge.trace.Traces;
import dev.forecourt.http.RequestHandler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    /** {@code images}, and {@code cache} unless in memory, relative to the file's directory when written relative. */
    @Override
    public Map<String, String> pathsFrom(Path dir, Map<String, String> s) {
        Map<String, String> out = new LinkedHashMap<>(s);
        for (String key : List.of("images", "cache")) {
            String v = s.get(key);
            if (v == null || v.startsWith("memory:")) continue;
            try {
                Path p = Path.of(v);
                if (!p.isAbsolute()) out.put(key, dir.resolve(p).normalize().toString());
            } catch (java.nio.file.InvalidPathException e) {
                // left as written: problems() names it
            }
        }
        return out;
    }

    /** Each setting {@link #create} would refuse, found when the file is read (check, run and a reload alike). */
    @Override
    public Map<String, String> problems(Map<String, String> s) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (s.get("images") == null) {
            problems.put("images", "the directory of the images is missing. Fix: app: {iiif: {images: DIR}}");
        }
        String base = s.get("baseUri");
        if (base != null && !base.matches(IiifSettings.BASE_URI)) {
            problems.put("baseUri", "'" + base + "' is not http(s)://host[:port][/prefix], the address viewers reach the"
                    + " images at. Fix: e.g. https://images.example.org/iiif");
        }
        String cache = s.get("cache");
        String memory = cache != null && cache.startsWith("memory:") ? CacheSize.sizeProblem(cache.substring(7)) : null;
        if (memory != null) {
            problems.put("cache", "memory: " + memory);
        } else if (cache != null && !cache.startsWith("memory:")) {
            try {
                Path dir = Path.of(cache);
                if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
                    problems.put("cache", cache + " is a file; a disk cache of derivatives is a directory. Fix: a"
                            + " directory's path (made if its parent exists), or memory:SIZE");
                }
            } catch (java.nio.file.InvalidPathException e) {
                problems.put("cache", "'" + cache + "' is no path (" + e.getReason() + "). Fix: a directory's path,"
                        + " or memory:SIZE");
            }
        }
        String size = s.get("cacheSize");
        String problem = size == null ? null : CacheSize.problem(cache, size);
        if (problem != null) {
            problems.put("cacheSize", problem);
        }
        String pixels = s.get("maxPixels");
        if (pixels != null && !(pixels.matches("[0-9]{1,15}") && Long.parseLong(pixels) >= 1)) {
            problems.put("maxPixels", "'" + pixels + "' is not a whole number of pixels from 1 to 999999999999999."
                    + " Fix: e.g. 400000000 (the default: 20000 x 20000)");
        }
        String engine = s.get("engine");
        if (engine != null && !Engines.CHOICES.contains(engine)) {
            problems.put("engine", "'" + engine + "' is no imaging engine; allowed: " + String.join(", ", Engines.CHOICES)
                    + " (auto: libvips when it can be loaded, else java)");
        }
        return problems;
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
        return IiifServer.handler(service, settings, Engines.chooseLater(s.getOrDefault("engine", "auto"),
                settings.engineCache()), AccessLog.off(), metrics, new TraceGate(traces, null, peer -> false));
    }
}
