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

    /**
     * A copy of pyramid {@code tif} as {@code damaged}, with the stored tile at column {@code col}, row {@code row}
     * of page {@code page} overwritten near its end (its entropy-coded data: the header still reads).
     */
    public static Path damaged(Path tif, int page, int col, int row, Path damaged) throws java.io.IOException {
        byte[] bytes = java.nio.file.Files.readAllBytes(tif);
        byte[] tile = TiffTiles.read(tif).stored(tif, page, col, row);
        byte[] tail = java.util.Arrays.copyOfRange(tile, tile.length - 64, tile.length - 32);
        int at = indexOf(bytes, tail);
        if (at < 400) {
            throw new AssertionError("tile (" + col + ", " + row + ") of page " + page + " not found in " + tif);
        }
        java.util.Arrays.fill(bytes, at - 400, at + 32, (byte) 0xff);
        java.nio.file.Files.write(damaged, bytes);
        return damaged;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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
