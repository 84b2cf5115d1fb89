package dev.forecourt.iiif.imaging;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** Pyramidal TIFFs as libvips writes them for others: at Q90 and above its JPEG tiles are coded as RGB. */
public final class Pyramids {
    private Pyramids() {}

    /** {@code out}: a pyramid of {@code in} with RGB-coded JPEG tiles (photometric 2), as {@code vips tiffsave
     * --tile --pyramid --compression jpeg --Q 95} writes it. */
    public static void rgbCoded(Path in, Path out, int tile) throws Throwable {
        Vips vips = Vips.open();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment img = vips.open(a, in.toString());
            try {
                vips.tiffPyramid(a, img, out.toString(), 95, tile);
            } finally {
                vips.unref(img);
            }
        }
    }

    /** Whether libturbojpeg can be bound here (the image server then re-encodes pyramid tiles with it). */
    public static boolean turboJpeg() {
        try {
            TurboJpeg.open();
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
