package dev.forecourt.iiif;

import dev.forecourt.iiif.imaging.ImagingEngine;
import dev.forecourt.iiif.imaging.JavaEngine;
import dev.forecourt.iiif.imaging.StartingEngine;
import dev.forecourt.iiif.imaging.VipsEngine;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the imaging engine: libvips when it can be bound, else the pure-Java one. The choice is logged. */
public final class Engines {
    private Engines() {}

    /** What may be chosen: {@code auto} (libvips when it can be bound, else Java), {@code vips}, {@code java}. */
    public static final List<String> CHOICES = List.of("auto", "vips", "java");

    /**
     * Starts binding libvips in the background unless {@code choice} is {@code java}: a command calls this first
     * thing when it will serve images, so that the binding runs beside its own start-up, not before it.
     */
    public static void prepare(String choice) {
        if (!choice.equals("java")) {
            VipsEngine.prepare();
        }
    }

    /** {@code choice}: {@code auto}, {@code vips} or {@code java}. */
    public static ImagingEngine choose(String choice, long cacheBytes) {
        Logger log = LoggerFactory.getLogger(Engines.class); // not a static: prepare() runs before the log is set up
        if (choice.equals("java")) {
            log.info("imaging engine: {} (chosen)", "java (ImageIO + TwelveMonkeys)");
            return new JavaEngine();
        }
        try {
            VipsEngine vips = VipsEngine.load(cacheBytes);
            log.info("imaging engine: {}", vips.name());
            return vips;
        } catch (Exception | LinkageError e) {
            if (choice.equals("vips")) {
                throw new IllegalStateException("libvips was asked for but cannot be used: " + e.getMessage(), e);
            }
            return javaInstead(log, e);
        }
    }

    /**
     * {@link #choose}, without waiting for libvips when the choice is {@code auto}: an engine whose calls wait for
     * it ({@link StartingEngine}), so that a {@code run} binds its listeners and serves its other services while
     * libvips binds. {@code vips} and {@code java} are chosen at once: a start that asked for libvips fails without it.
     */
    public static ImagingEngine chooseLater(String choice, long cacheBytes) {
        if (!choice.equals("auto")) {
            return choose(choice, cacheBytes);
        }
        Logger log = LoggerFactory.getLogger(Engines.class);
        return new StartingEngine(VipsEngine.loadLater(cacheBytes).handle((vips, e) -> {
            if (e == null) {
                log.info("imaging engine: {}", vips.name());
                return vips;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof Exception || cause instanceof LinkageError) {
                return javaInstead(log, cause);
            }
            throw e instanceof CompletionException c ? c : new CompletionException(cause);
        }));
    }

    private static ImagingEngine javaInstead(Logger log, Throwable e) {
        JavaEngine java = new JavaEngine();
        log.warn("imaging engine: {} (libvips unavailable: {}); jpg, png, tif and gif only", java.name(), e.getMessage());
        return java;
    }
}
