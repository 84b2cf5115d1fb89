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

    /**
     * A copy of pyramid {@code tif} as {@code patched}, whose TileOffsets entry for tile {@code index} of page
     * {@code page} points {@code beyond} bytes past the file's end.
     */
    public static Path tileOffsetPastTheEnd(Path tif, int page, int index, int beyond, Path patched)
            throws java.io.IOException {
        java.nio.ByteBuffer b = tiff(tif);
        int entry = entry(b, page, 324);
        int at = b.getInt(entry + 8) + index * 4;
        if (b.getShort(entry + 2) != 4 || index >= b.getInt(entry + 4)) {
            throw new AssertionError("page " + page + " of " + tif + " has no LONG tile offset " + index);
        }
        b.putInt(at, b.capacity() + beyond);
        java.nio.file.Files.write(patched, b.array());
        return patched;
    }

    /**
     * A copy of pyramid {@code tif} as {@code patched}, whose TileByteCounts for page {@code page} says it has
     * {@code extra} more entries than there are tiles, so that its array runs past the file's end.
     */
    public static Path tileByteCountsPastTheEnd(Path tif, int page, int extra, Path patched) throws java.io.IOException {
        java.nio.ByteBuffer b = tiff(tif);
        int entry = entry(b, page, 325);
        int count = b.getInt(entry + 4) + extra;
        if ((long) b.getInt(entry + 8) + count * 4L <= b.capacity()) {
            throw new AssertionError("TileByteCounts of " + tif + " would still end within the file");
        }
        b.putInt(entry + 4, count);
        java.nio.file.Files.write(patched, b.array());
        return patched;
    }

    /** A classic TIFF's bytes, in its byte order. */
    private static java.nio.ByteBuffer tiff(Path tif) throws java.io.IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(tif));
        b.order(b.getShort(0) == 0x4949 ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        if (b.getShort(2) != 42) {
            throw new AssertionError(tif + " is not a classic TIFF");
        }
        return b;
    }

    /** Where page {@code page}'s directory entry for {@code tag} is. */
    private static int entry(java.nio.ByteBuffer b, int page, int tag) {
        int ifd = b.getInt(4);
        for (int p = 0; p < page; p++) {
            ifd = b.getInt(ifd + 2 + Short.toUnsignedInt(b.getShort(ifd)) * 12);
        }
        for (int i = 0, n = Short.toUnsignedInt(b.getShort(ifd)); i < n; i++) {
            if (Short.toUnsignedInt(b.getShort(ifd + 2 + i * 12)) == tag) {
                return ifd + 2 + i * 12;
            }
        }
        throw new AssertionError("page " + page + " has no tag " + tag);
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
