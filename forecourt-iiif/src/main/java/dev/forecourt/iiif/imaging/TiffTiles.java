package dev.forecourt.iiif.imaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The JPEG-compressed tiles of a tiled (pyramidal) TIFF, found by reading its directories: a request for exactly
 * one stored tile at its stored resolution, with nothing else to change, is answered with that tile's JPEG bytes
 * as they are (the TIFF's shared JPEGTables spliced in), with no decoding or encoding. Classic TIFF only.
 * Tiles coded as YCbCr (photometric 6, libvips below Q90) and as RGB (photometric 2: libvips at Q90 and above or
 * with {@code --rgbjpeg}) both qualify: an RGB-coded tile gets the Adobe marker that tells a decoder so.
 */
public final class TiffTiles {
    private static final int COMPRESSION_JPEG = 7;
    private static final int PHOTOMETRIC_GREY = 1;
    private static final int PHOTOMETRIC_RGB = 2;
    private static final int PHOTOMETRIC_YCBCR = 6;
    /**
     * APP14 "Adobe", version 100, no flags, transform 0: the components are RGB, not YCbCr. A JPEG without it
     * (and without JFIF) leaves the colour space to the decoder's guess.
     */
    private static final byte[] ADOBE_RGB = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0,
            0, 0, 0};
    private static final int MAX_PAGES = 32;
    private static final long MAX_TILES = 4_000_000;

    /**
     * One page: its size, tile size, where each tile is, the JPEG tables its tiles share, and whether the tiles
     * are coded as RGB rather than YCbCr.
     */
    record Page(int width, int height, int tileW, int tileH, long[] offsets, long[] counts, byte[] tables,
            boolean rgb) {
        int across() {
            return (width + tileW - 1) / tileW;
        }
    }

    private final List<Page> pages;

    private TiffTiles(List<Page> pages) {
        this.pages = pages;
    }

    /** The stored tile edge when every page has the same square tiles, else 0. */
    public int tileSize() {
        int t = pages.getFirst().tileW();
        for (Page p : pages) {
            if (p.tileW() != t || p.tileH() != t) {
                return 0;
            }
        }
        return t;
    }

    /** The tile index of {@code file}, or null when it has no JPEG-compressed tiled pages to pass through. */
    public static TiffTiles read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = read(ch, 0, 8);
            ByteOrder order = head.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN
                    : head.getShort(0) == 0x4d4d ? ByteOrder.BIG_ENDIAN : null;
            if (order == null) {
                return null;
            }
            head.order(order);
            if (head.getShort(2) != 42) {
                return null; // BigTIFF (43) or not a TIFF
            }
            List<Page> pages = new ArrayList<>();
            long ifd = Integer.toUnsignedLong(head.getInt(4));
            long tiles = 0; // MAX_TILES is the whole file's budget: a file says how long its arrays are
            while (ifd != 0 && pages.size() < MAX_PAGES && ifd + 2 <= ch.size()) {
                int n = Short.toUnsignedInt(read(ch, ifd, 2).order(order).getShort(0));
                ByteBuffer entries = read(ch, ifd + 2, n * 12 + 4).order(order);
                Page page = page(ch, order, entries, n, MAX_TILES - tiles);
                if (page == null) {
                    return pages.isEmpty() ? null : new TiffTiles(pages);
                }
                tiles += page.offsets().length;
                pages.add(page);
                ifd = Integer.toUnsignedLong(entries.getInt(n * 12));
            }
            return pages.isEmpty() ? null : new TiffTiles(pages);
        }
    }

    /** A page whose arrays hold at most {@code maxTiles} entries each (else null: not passed through). */
    private static Page page(FileChannel ch, ByteOrder order, ByteBuffer e, int n, long maxTiles) throws IOException {
        int width = 0, height = 0, tileW = 0, tileH = 0, compression = 0, planar = 1, photometric = -1, samples = 1;
        long[] offsets = null, counts = null;
        byte[] tables = null;
        for (int i = 0; i < n; i++) {
            int at = i * 12;
            int tag = Short.toUnsignedInt(e.getShort(at));
            int type = Short.toUnsignedInt(e.getShort(at + 2));
            long count = Integer.toUnsignedLong(e.getInt(at + 4));
            switch (tag) {
                case 256 -> width = (int) scalar(e, at, type);
                case 257 -> height = (int) scalar(e, at, type);
                case 259 -> compression = (int) scalar(e, at, type);
                case 262 -> photometric = (int) scalar(e, at, type);
                case 277 -> samples = (int) scalar(e, at, type);
                case 284 -> planar = (int) scalar(e, at, type);
                case 322 -> tileW = (int) scalar(e, at, type);
                case 323 -> tileH = (int) scalar(e, at, type);
                case 324 -> offsets = array(ch, order, e, at, type, count, maxTiles);
                case 325 -> counts = array(ch, order, e, at, type, count, maxTiles);
                case 347 -> tables = count <= 4 || count > 65536 ? null
                        : bytes(read(ch, Integer.toUnsignedLong(e.getInt(at + 8)), (int) count));
                default -> { }
            }
        }
        // RGB with an alpha channel (four samples) would read as CMYK: not sent as stored
        boolean usable = compression == COMPRESSION_JPEG && (photometric == PHOTOMETRIC_YCBCR
                || photometric == PHOTOMETRIC_GREY && samples == 1 || photometric == PHOTOMETRIC_RGB && samples == 3)
                && planar == 1 && tileW > 0 && tileH > 0 && offsets != null && counts != null
                && offsets.length == counts.length && tables != null
                && offsets.length == (long) ceilDiv(width, tileW) * ceilDiv(height, tileH); // one entry per tile
        return usable ? new Page(width, height, tileW, tileH, offsets, counts, tables, photometric == PHOTOMETRIC_RGB)
                : null;
    }

    /**
     * The stored JPEG for the region {@code x,y,w,h} (full-resolution pixels of an image {@code fullW} wide) at
     * {@code outW x outH}, or null unless that is exactly one whole stored tile of one page.
     */
    public byte[] tile(Path file, int fullW, int x, int y, int w, int h, int outW, int outH) throws IOException {
        for (Page p : pages) {
            if (p.tileW() != outW || p.tileH() != outH || (long) x * p.width() % fullW != 0
                    || (long) y * p.width() % fullW != 0 || (long) w * p.width() != (long) outW * fullW) {
                continue;
            }
            long lx = (long) x * p.width() / fullW;
            long ly = (long) y * p.width() / fullW;
            long lh = (long) h * p.width() / fullW;
            if (lx % p.tileW() != 0 || ly % p.tileH() != 0 || lh != outH
                    || lx + outW > p.width() || ly + outH > p.height()) {
                continue;
            }
            return stored(file, p, (int) (lx / p.tileW()), (int) (ly / p.tileH()));
        }
        return null;
    }

    /** How many pages have tiles this class can read: pages 0 to {@code pages() - 1} of the file. */
    public int pages() {
        return pages.size();
    }

    /** The tile width of {@code page}, which must be below {@link #pages()}. */
    public int tileWidth(int page) {
        return pages.get(page).tileW();
    }

    /** The tile height of {@code page}, which must be below {@link #pages()}. */
    public int tileHeight(int page) {
        return pages.get(page).tileH();
    }

    /**
     * The whole JPEG of the stored tile at column {@code col}, row {@code row} of {@code page} (below
     * {@link #pages()}), decodable as it is; null when there is no such tile or its size is implausible. An edge
     * tile is whole tile size, its pixels past the page's edge padding.
     */
    public byte[] stored(Path file, int page, int col, int row) throws IOException {
        Page p = pages.get(page);
        if (col < 0 || row < 0 || col >= p.across()) {
            return null;
        }
        return stored(file, p, col, row);
    }

    private static byte[] stored(Path file, Page p, int col, int row) throws IOException {
        long index = (long) row * p.across() + col;
        if (index >= p.offsets().length || p.counts()[(int) index] > 16 << 20 || p.counts()[(int) index] < 4) {
            return null;
        }
        return splice(p, readFile(file, p.offsets()[(int) index], (int) p.counts()[(int) index]));
    }

    /** SOI, the Adobe marker for RGB, the shared tables (without their own SOI/EOI), the stream after its SOI. */
    private static byte[] splice(Page p, byte[] tile) {
        byte[] tables = p.tables();
        byte[] adobe = p.rgb() ? ADOBE_RGB : new byte[0];
        int tablesLen = tables.length - 4;
        byte[] out = new byte[2 + adobe.length + tablesLen + tile.length - 2];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xd8;
        System.arraycopy(adobe, 0, out, 2, adobe.length);
        System.arraycopy(tables, 2, out, 2 + adobe.length, tablesLen);
        System.arraycopy(tile, 2, out, 2 + adobe.length + tablesLen, tile.length - 2);
        return out;
    }

    private static byte[] readFile(Path file, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return bytes(read(ch, offset, length));
        }
    }

    private static long scalar(ByteBuffer e, int at, int type) {
        return type == 3 ? Short.toUnsignedInt(e.getShort(at + 8)) : Integer.toUnsignedLong(e.getInt(at + 8));
    }

    private static long[] array(FileChannel ch, ByteOrder order, ByteBuffer e, int at, int type, long count, long maxTiles)
            throws IOException {
        if (count > maxTiles || (type != 3 && type != 4)) {
            return null;
        }
        int size = type == 3 ? 2 : 4;
        ByteBuffer b = count * size <= 4 ? e.duplicate().order(order).position(at + 8).slice().order(order)
                : read(ch, Integer.toUnsignedLong(e.getInt(at + 8)), (int) (count * size)).order(order);
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = size == 2 ? Short.toUnsignedInt(b.getShort(i * 2)) : Integer.toUnsignedLong(b.getInt(i * 4));
        }
        return out;
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new IOException("TIFF ends before offset " + (at + length));
            }
        }
        return b.flip();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private static long ceilDiv(int a, int b) {
        return ((long) a + b - 1) / b;
    }
}
