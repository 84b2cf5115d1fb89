package dev.forecourt.iiif.imaging;

import dev.forecourt.iiif.request.Format;
import dev.forecourt.iiif.request.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An engine that is still being made (libvips binds on a thread of its own at start): its methods wait for it, on
 * the render pool where they run, so that a start need not. The rest of a {@code run} (other services, the
 * distributions in front) is served meanwhile, and the image service's first requests wait for the engine instead
 * of the whole start waiting for it. {@link #status} never waits: {@code /health} is answered on an event loop.
 */
public final class StartingEngine implements ImagingEngine {
    /** libvips binds in a fraction of a second; a wait this long means something is wrong, and is said so. */
    private static final long WAIT_SECONDS = 60;

    private final CompletableFuture<? extends ImagingEngine> engine;

    public StartingEngine(CompletableFuture<? extends ImagingEngine> engine) {
        this.engine = engine;
    }

    /** The engine is not there to answer with: the service's answer is a 503, not the image's fault. */
    public static final class NotReady extends RuntimeException {
        NotReady(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ImagingEngine engine() {
        try {
            return engine.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReady("interrupted while the imaging engine was being made", e);
        } catch (TimeoutException e) {
            throw new NotReady("the imaging engine was not ready after " + WAIT_SECONDS + " s (libvips still binding)",
                    e);
        } catch (ExecutionException e) { // the chooser falls back to the Java engine: not expected
            throw new NotReady("the imaging engine could not be made: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public String name() {
        return engine().name();
    }

    @Override
    public String status() {
        if (!engine.isDone()) {
            return "starting";
        }
        return engine.isCompletedExceptionally() ? "none (" + engine.exceptionNow() + ")" : engine.join().status();
    }

    @Override
    public Set<Format> formats() {
        return engine().formats();
    }

    @Override
    public SourceInfo inspect(Path file) throws IOException {
        return engine().inspect(file);
    }

    @Override
    public byte[] render(Path file, SourceInfo info, Plan plan) throws IOException {
        return engine().render(file, info, plan);
    }

    @Override
    public void forget() {
        engine().forget();
    }
}
