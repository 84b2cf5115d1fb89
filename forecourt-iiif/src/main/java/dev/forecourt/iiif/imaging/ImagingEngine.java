package dev.forecourt.iiif.imaging;

import dev.forecourt.iiif.request.Format;
import dev.forecourt.iiif.request.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads image files and makes derivatives. Both methods block (they decode and encode) and run on the image
 * service's render pool, never on an event loop. Implementations are thread-safe.
 */
public interface ImagingEngine {
    /** A name for logs and {@code /health}, with the library version. */
    String name();

    /** What {@code /health} says of the engine: its name, or that it is still being made. Never waits. */
    default String status() {
        return name();
    }

    /** The formats this engine can write. */
    Set<Format> formats();

    /** Reads the header only: a huge image costs no more here than a small one. */
    SourceInfo inspect(Path file) throws IOException;

    /** Makes the derivative {@code plan} describes, encoded in its format. */
    byte[] render(Path file, SourceInfo info, Plan plan) throws IOException;

    /** Forgets anything held about files (decoded images, open handles): called when a source changed on disk. */
    default void forget() {}
}
