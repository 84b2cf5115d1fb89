package dev.forecourt.iiif.imaging;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A JPEG of a region of one page of a JPEG-tiled TIFF at that page's own resolution (no scaling, turning or
 * colour change), made from the stored tiles it covers: each decoded by TurboJPEG straight into its place in one
 * buffer, and the region encoded from that buffer where it lies. No TIFF reader, no operation graph, no thread
 * hand-off, no copy of the pixels: what iipsrv pays for a tile, and the path of every aligned tile request when
 * passthrough is off or cannot apply.
 */
final class StoredTilesJpeg {
    /** Regions over more stored tiles, or more decoded bytes (tile sizes are the file's word), are left to libvips. */
    private static final int MAX_TILES = 16;
    private static final long MAX_BYTES = 48L << 20;
    private final TurboJpeg turbo;

    StoredTilesJpeg(TurboJpeg turbo) {
        this.turbo = turbo;
    }

    /**
     * The region {@code x, y, w, h} of page {@code page} (below {@code tiles.pages()}) as a JPEG of quality
     * {@code quality}, or null when this cannot make it (too many tiles or bytes, a tile missing, grey or of an
     * odd size).
     */
    byte[] region(Path file, TiffTiles tiles, int page, int x, int y, int w, int h, int quality)
            throws IOException {
        int tw = tiles.tileWidth(page);
        int th = tiles.tileHeight(page);
        int col0 = x / tw;
        int row0 = y / th;
        int cols = (x + w - 1) / tw - col0 + 1;
        int rows = (y + h - 1) / th - row0 + 1;
        if ((long) cols * rows > MAX_TILES || (long) cols * tw * rows * th * 3 > MAX_BYTES) {
            return null;
        }
        int pitch = cols * tw * 3;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment canvas = a.allocate((long) pitch * rows * th);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    byte[] jpeg = tiles.stored(file, page, col0 + c, row0 + r);
                    MemorySegment at = canvas.asSlice((long) r * th * pitch + (long) c * tw * 3);
                    if (jpeg == null) {
                        return null;
                    }
                    try (Arena t = Arena.ofConfined()) { // one stored tile's bytes held natively at a time
                        if (!turbo.decode(t, t.allocateFrom(JAVA_BYTE, jpeg), at, tw, pitch, th)) {
                            return null;
                        }
                    }
                }
            }
            MemorySegment region = canvas.asSlice((long) (y - row0 * th) * pitch + (long) (x - col0 * tw) * 3);
            return turbo.encode(a, region, w, pitch, h, quality, TurboJpeg.SUBSAMPLING_420);
        }
    }
}
