package dev.forecourt.iiif.imaging;

import dev.forecourt.iiif.request.Format;
import dev.forecourt.iiif.request.Plan;
import dev.forecourt.iiif.request.Quality;
import dev.forecourt.iiif.request.Rotation;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The fast engine: libvips through {@link Vips}. It reads only what a request needs: the pyramid page of a tiled
 * TIFF, the resolution level of a JPEG 2000, a JPEG shrunk while it is decoded. libvips's own operation cache keeps
 * recently opened files (and decoded non-tiled images) for the next tile, within the byte budget given here.
 */
public final class VipsEngine implements ImagingEngine {
    /** The loaders for the formats the service is for (ImageStore's extensions); every other loader is blocked. */
    private static final List<String> LOADERS = List.of("jpegload", "pngload", "tiffload", "jp2kload", "webpload",
            "gifload");
    private static final int JPEG_QUALITY = 80;
    // below 90 libvips stores tiles as YCbCr JPEG (4:2:0): smaller, and whole stored tiles can be sent as they are
    private static final int CONVERT_QUALITY = 85;
    /** Larger JPEGs are written by libvips's saver, which streams them; smaller are encoded from memory. */
    private static final long MAX_PIXELS_IN_MEMORY = 4L << 20;
    private final Vips vips;
    /** Null without libturbojpeg: libvips then decodes every pyramid tile and encodes every JPEG. */
    private final TurboJpeg turbo;
    private final StoredTilesJpeg storedTiles;
    private final String name;

    private VipsEngine(Vips vips, TurboJpeg turbo) {
        this.vips = vips;
        this.turbo = turbo;
        this.storedTiles = turbo == null ? null : new StoredTilesJpeg(turbo);
        // part of every ETag key (made once): TurboJPEG's tiles are not byte for byte libvips's
        this.name = "libvips " + vips.version() + (turbo == null ? "" : " + TurboJPEG");
    }

    /** libvips bound and told which loaders to trust, on its binding thread: see {@link #prepare}. */
    private static CompletableFuture<Vips> trusted;
    /** TurboJPEG bound on a thread of its own, or null where libturbojpeg is missing. */
    private static CompletableFuture<TurboJpeg> turboBinding;

    /**
     * Starts binding libvips (and restricting its loaders) and TurboJPEG, each on a thread of its own, for a
     * {@link #load} to come: loading the libraries, vips_init and the loader restriction are a good part of a start,
     * which a command spends beside its own (parsing, event loops, listeners). A no-op after the first call.
     */
    public static synchronized void prepare() {
        if (trusted == null) {
            trusted = Vips.bind().thenApply(VipsEngine::trusting);
            turboBinding = CompletableFuture.supplyAsync(VipsEngine::turboOrNull, task -> {
                Thread t = new Thread(task, "turbojpeg-bind");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    /**
     * Binds libvips, or throws saying why it cannot (not installed, too old). {@code cacheBytes} bounds what
     * libvips keeps between requests: open files and decoded images of non-tiled sources.
     */
    public static VipsEngine load(long cacheBytes) throws Exception {
        try {
            return loadLater(cacheBytes).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ex ? ex : new IOException(cause.toString(), cause);
        }
    }

    /**
     * {@link #load} without waiting: the engine once both bindings are done, made on the thread that finished last
     * (so that its calls into libvips are not the caller's), or the reason it cannot be.
     */
    public static CompletableFuture<VipsEngine> loadLater(long cacheBytes) {
        prepare();
        return trusted.thenCombine(turboBinding, (vips, turbo) -> {
            try {
                vips.configure(cacheBytes);
            } catch (Throwable t) {
                throw new IllegalStateException("could not configure libvips", t);
            }
            return new VipsEngine(vips, turbo);
        });
    }

    private static Vips trusting(Vips vips) {
        try {
            trustOnlyFuzzedLoaders(vips);
            return vips;
        } catch (Throwable t) {
            throw new IllegalStateException("could not configure libvips", t);
        }
    }

    private static TurboJpeg turboOrNull() {
        try {
            return TurboJpeg.open();
        } catch (IOException e) {
            log().info("{}: libvips decodes every pyramid tile and encodes every JPEG, at up to three times the CPU",
                    e.getMessage());
            return null;
        }
    }

    /**
     * Images are untrusted input: libvips must not hand them to loaders it does not fuzz, above all ImageMagick's
     * coders, which it otherwise tries for any file its own loaders refuse. Logged once, as the operator needs to
     * know when an old libvips leaves them open.
     */
    private static void trustOnlyFuzzedLoaders(Vips vips) throws Throwable {
        boolean untrusted = vips.blockUntrusted();
        List<String> open = vips.allowOnlyLoaders(LOADERS);
        if (untrusted && open != null) {
            log().info("libvips {}: untrusted loaders blocked (ImageMagick, SVG, PDF, ...); only {} may read images",
                    vips.version(), open);
        } else {
            log().warn("libvips {} predates 8.13: untrusted loaders (ImageMagick, SVG, PDF, ...) are NOT blocked; "
                    + "install libvips 8.13 or later, or use engine: java", vips.version());
        }
    }

    /**
     * Not a static field: {@link #prepare} runs first thing on the main thread, before the log is set up, and must not
     * wait for it (the binding threads may set it up when they log, beside the main thread's work).
     */
    private static org.slf4j.Logger log() {
        return org.slf4j.LoggerFactory.getLogger(VipsEngine.class);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Format> formats() {
        return EnumSet.allOf(Format.class);
    }

    @Override
    public SourceInfo inspect(Path file) throws IOException {
        String path = file.toString();
        try (Arena a = Arena.ofConfined()) {
            String loader = vips.loader(a, path);
            if (loader == null) {
                throw new IOException(file.getFileName() + " is not an image libvips can read");
            }
            MemorySegment img = vips.open(a, path);
            try {
                int w = vips.width(img);
                int h = vips.height(img);
                List<SourceInfo.Level> levels = new ArrayList<>();
                String reader = "";
                if (loader.contains("Jpeg")) {
                    reader = "jpegload";
                    levels.add(new SourceInfo.Level(w, h, 1));
                    for (int shrink = 2; shrink <= 8; shrink *= 2) {
                        levels.add(new SourceInfo.Level(ceilDiv(w, shrink), ceilDiv(h, shrink), shrink));
                    }
                } else if (loader.contains("Tiff")) {
                    reader = "tiffload";
                    levels.add(new SourceInfo.Level(w, h, 0));
                    pyramidPages(a, path, vips.pages(img), w, h, levels);
                } else if (loader.contains("Jp2k")) {
                    reader = "jp2kload";
                    levels.add(new SourceInfo.Level(w, h, 0));
                    resolutionLevels(a, path, w, levels);
                } else {
                    levels.add(new SourceInfo.Level(w, h, 0));
                }
                return new SourceInfo(w, h, levels, reader);
            } finally {
                vips.unref(img);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("libvips failed to read " + file.getFileName() + ": " + t, t);
        }
    }

    /** Pages of a pyramidal TIFF, each about half the one before with the same aspect ratio. */
    private void pyramidPages(Arena a, String path, int pages, int w, int h, List<SourceInfo.Level> levels)
            throws Throwable {
        for (int p = 1; p < pages && p < 32; p++) {
            MemorySegment page = vips.load(a, "tiffload", path, "page", p);
            try {
                int pw = vips.width(page);
                int ph = vips.height(page);
                SourceInfo.Level last = levels.getLast();
                boolean smaller = pw < last.width() && ph < last.height();
                boolean sameShape = Math.abs((double) pw / ph - (double) w / h) < 0.02 * w / h + 2.0 / ph;
                if (smaller && sameShape) {
                    levels.add(new SourceInfo.Level(pw, ph, p));
                }
            } finally {
                vips.unref(page);
            }
        }
    }

    private void resolutionLevels(Arena a, String path, int w, List<SourceInfo.Level> levels) throws Throwable {
        for (int p = 1; p < 16 && (w >> p) >= 64; p++) {
            MemorySegment level;
            try {
                level = vips.load(a, "jp2kload", path, "page", p);
            } catch (IOException e) {
                return; // no more resolution levels
            }
            try {
                levels.add(new SourceInfo.Level(vips.width(level), vips.height(level), p));
            } finally {
                vips.unref(level);
            }
        }
    }

    @Override
    public byte[] render(Path file, SourceInfo info, Plan plan) throws IOException {
        String path = file.toString();
        List<MemorySegment> made = new ArrayList<>(8);
        try (Arena a = Arena.ofConfined()) {
            SourceInfo.Level level = info.levelFor(plan.reduction());
            int[] r = info.regionAt(level, plan);
            int x = r[0];
            int y = r[1];
            int w = r[2];
            int h = r[3];
            byte[] fromTiles = fromStoredTiles(file, info, level, r, plan);
            if (fromTiles != null) {
                return fromTiles;
            }
            MemorySegment img = keep(made, open(a, path, info.reader(), level));
            if (x != 0 || y != 0 || w != level.width() || h != level.height()) {
                img = keep(made, vips.extractArea(a, img, x, y, w, h));
            }
            if (plan.outW() != w || plan.outH() != h) {
                img = keep(made, vips.resize(a, img, (double) plan.outW() / w, (double) plan.outH() / h));
                MemorySegment exact = exactly(a, img, plan.outW(), plan.outH());
                if (exact != img) {
                    img = keep(made, exact);
                }
            }
            if (plan.quality() == Quality.GRAY || plan.quality() == Quality.BITONAL) {
                if (vips.hasAlpha(img)) {
                    img = keep(made, vips.flattenOnWhite(a, img));
                }
                img = keep(made, vips.colourspace(a, img, Vips.INTERPRETATION_B_W));
                if (plan.quality() == Quality.BITONAL) {
                    img = keep(made, vips.relational(a, img, Vips.RELATIONAL_MOREEQ, 128));
                }
            }
            if (plan.rotation().mirror()) {
                img = keep(made, vips.flip(a, img, Vips.DIRECTION_HORIZONTAL));
            }
            double turn = plan.rotation().degrees();
            if (turn != 0) {
                img = keep(made, plan.rotation().square()
                        ? vips.rot(a, img, turn == 90 ? Vips.ANGLE_D90 : turn == 180 ? Vips.ANGLE_D180 : Vips.ANGLE_D270)
                        : vips.rotate(a, img, turn));
            }
            if (vips.hasAlpha(img) && (plan.format() == Format.JPG || plan.format() == Format.PDF)) {
                img = keep(made, vips.flattenOnWhite(a, img));
            }
            return switch (plan.format()) {
                case JPG -> jpeg(a, img);
                case PDF -> Pdf.wrap(jpeg(a, img), vips.width(img), vips.height(img),
                        vips.bands(img) == 1);
                case PNG -> vips.save(a, "pngsave_buffer", img);
                case WEBP -> vips.save(a, "webpsave_buffer", img);
                case TIF -> vips.save(a, "tiffsave_buffer", img);
                case GIF -> vips.save(a, "gifsave_buffer", img);
                case JP2 -> vips.save(a, "jp2ksave_buffer", img);
            };
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("libvips failed on " + file.getFileName() + ": " + t, t);
        } finally {
            made.forEach(vips::unref);
        }
    }

    /**
     * A JPEG of region {@code r} of a pyramid page as it is stored (no scaling, turning or colour change), made
     * by TurboJPEG from the page's stored tiles: most tile requests to a pyramid, at a fraction of what libvips
     * costs per tile (its operations, thread pool and write-behind thread). Null when that does not apply, or
     * TurboJPEG could not read a tile: it is an optimisation, never a new way to fail.
     */
    private byte[] fromStoredTiles(Path file, SourceInfo info, SourceInfo.Level level, int[] r, Plan plan)
            throws IOException {
        TiffTiles tiles = info.tiles();
        boolean asStored = storedTiles != null && tiles != null && level.index() < tiles.pages()
                && plan.format() == Format.JPG && plan.outW() == r[2] && plan.outH() == r[3]
                && (plan.quality() == Quality.DEFAULT || plan.quality() == Quality.COLOR)
                && plan.rotation().equals(Rotation.NONE);
        if (!asStored) {
            return null;
        }
        try {
            return storedTiles.region(file, tiles, level.index(), r[0], r[1], r[2], r[3], JPEG_QUALITY);
        } catch (IOException e) {
            // a tile TurboJPEG refuses (damaged, say) is libvips's to read, or to report
            log().debug("{}: {}; reading it with libvips", file.getFileName(), e.getMessage());
            return null;
        }
    }

    /**
     * The JPEG of {@code img}: an RGB image of a few megapixels (any tile) computed on this thread and encoded by
     * TurboJPEG, which spares libvips's saver its thread pool and write-behind thread; anything else by libvips.
     */
    private byte[] jpeg(Arena a, MemorySegment img) throws Throwable {
        int w = vips.width(img);
        int h = vips.height(img);
        if (turbo == null || vips.bands(img) != 3 || vips.format(img) != Vips.FORMAT_UCHAR
                || (long) w * h > MAX_PIXELS_IN_MEMORY) {
            return vips.jpeg(a, img, JPEG_QUALITY);
        }
        return turbo.encode(a, vips.pixels(a, img), w, w * 3, h, JPEG_QUALITY, TurboJpeg.SUBSAMPLING_420);
    }

    /** Opens one level with its loader directly: no sniffing, and a key libvips's operation cache recognises. */
    private MemorySegment open(Arena a, String path, String reader, SourceInfo.Level level) throws Throwable {
        return switch (reader) {
            case "jpegload" -> vips.load(a, reader, path, "shrink", level.index());
            case "tiffload", "jp2kload" -> vips.load(a, reader, path, "page", level.index());
            default -> vips.open(a, path);
        };
    }

    /**
     * vips_resize rounds each side on its own; a one-pixel crop makes the size exactly what the plan promised.
     * Returns {@code img} itself when it is already exact (the caller must not release it twice).
     */
    private MemorySegment exactly(Arena a, MemorySegment img, int w, int h) throws Throwable {
        int iw = vips.width(img);
        int ih = vips.height(img);
        if (iw == w && ih == h) {
            return img;
        }
        if (iw >= w && ih >= h) {
            return vips.extractArea(a, img, 0, 0, w, h);
        }
        return vips.resize(a, img, (double) w / iw, (double) h / ih);
    }

    private static MemorySegment keep(List<MemorySegment> made, MemorySegment img) {
        made.add(img);
        return img;
    }

    @Override
    public void forget() {
        try {
            vips.dropCache();
        } catch (Throwable t) {
            throw new IllegalStateException("vips_cache_drop_all failed", t);
        }
    }

    /** Writes a tiled pyramidal TIFF (JPEG-compressed tiles), calling {@code progress} with 0..100. */
    public void convert(Path in, Path out, int tile, java.util.function.IntConsumer progress) throws IOException {
        try (Arena a = Arena.ofShared()) {
            MemorySegment img = vips.open(a, in.toString());
            try {
                MemorySegment callback = Progress.stub(a, progress);
                long handler = vips.onProgress(a, img, callback);
                try {
                    vips.tiffPyramid(a, img, out.toString(), CONVERT_QUALITY, tile);
                } finally {
                    vips.offProgress(img, handler); // before the arena frees the stub: the image outlives this call
                }
            } finally {
                vips.unref(img);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("libvips failed to convert " + in.getFileName() + ": " + t, t);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
