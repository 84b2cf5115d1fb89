package dev.forecourt.iiif.imaging;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The few libvips (and GLib) C functions the image service calls, bound with the FFM API. libvips's operations
 * take their optional arguments as NULL-terminated varargs, so each call shape used here has its own handle.
 * Every method returns a new {@code VipsImage*} that the caller must {@link #unref}; failures carry libvips's
 * own error text.
 */
final class Vips {
    // libvips enums used here (vips/enumtypes.h, stable since 8.0)
    static final int ACCESS_RANDOM = 0;
    static final int ANGLE_D90 = 1;
    static final int ANGLE_D180 = 2;
    static final int ANGLE_D270 = 3;
    static final int DIRECTION_HORIZONTAL = 0;
    static final int INTERPRETATION_B_W = 1;
    static final int RELATIONAL_MOREEQ = 5;
    static final int TIFF_COMPRESSION_JPEG = 1;
    static final int FORMAT_UCHAR = 0;

    private final SymbolLookup lib;
    private final String version;

    private final Downcall errorBuffer;
    private final Downcall errorClear;
    private final Downcall unref;
    private final Downcall gFree;
    private final Downcall width;
    private final Downcall height;
    private final Downcall pages;
    private final Downcall bands;
    private final Downcall hasAlpha;
    private final Downcall format;
    private final Downcall regionNew;
    private final Downcall regionFetch;
    private final Downcall findLoad;
    private final Downcall cacheDropAll;
    private final Downcall cacheSetMaxMem;
    private final Downcall concurrencySet;
    private final Downcall newFromFile;
    private final Downcall loadWithInt;
    private final Downcall extractArea;
    private final Downcall resize;
    private final Downcall rot;
    private final Downcall flip;
    private final Downcall rotate;
    private final Downcall colourspace;
    private final Downcall relationalConst1;
    private final Downcall flatten;
    private final Downcall arrayDoubleNew;
    private final Downcall areaUnref;
    private final Downcall jpegSaveBuffer;
    private final Downcall saveBuffer;
    private final Downcall tiffSavePyramid;
    private final Downcall setProgress;
    private final Downcall signalConnect;
    private final Downcall signalDisconnect;

    private Vips(SymbolLookup lib) throws Throwable {
        this.lib = lib;
        Downcall init = fixed("vips_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        try (Arena a = Arena.ofConfined(); ModulesOff off = ModulesOff.during(a)) {
            if ((int) init.handle().invokeExact(a.allocateFrom("forecourt")) != 0) {
                throw new IllegalStateException("vips_init failed");
            }
        }
        Downcall versionString = fixed("vips_version_string", FunctionDescriptor.of(ADDRESS));
        version = ((MemorySegment) versionString.handle().invokeExact()).reinterpret(64).getString(0);
        errorBuffer = fixed("vips_error_buffer", FunctionDescriptor.of(ADDRESS));
        errorClear = fixed("vips_error_clear", FunctionDescriptor.ofVoid());
        unref = fixed("g_object_unref", FunctionDescriptor.ofVoid(ADDRESS));
        gFree = fixed("g_free", FunctionDescriptor.ofVoid(ADDRESS));
        width = fixed("vips_image_get_width", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        height = fixed("vips_image_get_height", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        pages = fixed("vips_image_get_n_pages", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        bands = fixed("vips_image_get_bands", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        hasAlpha = fixed("vips_image_hasalpha", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        format = fixed("vips_image_get_format", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        regionNew = fixed("vips_region_new", FunctionDescriptor.of(ADDRESS, ADDRESS));
        regionFetch = fixed("vips_region_fetch", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS));
        findLoad = fixed("vips_foreign_find_load", FunctionDescriptor.of(ADDRESS, ADDRESS));
        cacheDropAll = fixed("vips_cache_drop_all", FunctionDescriptor.ofVoid());
        cacheSetMaxMem = fixed("vips_cache_set_max_mem", FunctionDescriptor.ofVoid(JAVA_LONG));
        concurrencySet = fixed("vips_concurrency_set", FunctionDescriptor.ofVoid(JAVA_INT));
        arrayDoubleNew = fixed("vips_array_double_new", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        areaUnref = fixed("vips_area_unref", FunctionDescriptor.ofVoid(ADDRESS));
        setProgress = fixed("vips_image_set_progress", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        signalConnect = fixed("g_signal_connect_data",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
        signalDisconnect = fixed("g_signal_handler_disconnect", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));

        newFromFile = varargs("vips_image_new_from_file", ADDRESS, 1, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
        // vips_<loader>(filename, &out, "name", int, "access", int, NULL): the loader is passed as a symbol address
        loadWithInt = byAddress(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS,
                JAVA_INT, ADDRESS), 2);
        extractArea = varargs("vips_extract_area", JAVA_INT, 6, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS);
        resize = varargs("vips_resize", JAVA_INT, 3, ADDRESS, ADDRESS, JAVA_DOUBLE, ADDRESS, JAVA_DOUBLE, ADDRESS);
        rot = varargs("vips_rot", JAVA_INT, 3, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
        flip = varargs("vips_flip", JAVA_INT, 3, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
        rotate = varargs("vips_rotate", JAVA_INT, 3, ADDRESS, ADDRESS, JAVA_DOUBLE, ADDRESS);
        colourspace = varargs("vips_colourspace", JAVA_INT, 3, ADDRESS, ADDRESS, JAVA_INT, ADDRESS);
        relationalConst1 = varargs("vips_relational_const1", JAVA_INT, 4, ADDRESS, ADDRESS, JAVA_INT, JAVA_DOUBLE,
                ADDRESS);
        flatten = varargs("vips_flatten", JAVA_INT, 2, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
        jpegSaveBuffer = varargs("vips_jpegsave_buffer", JAVA_INT, 3, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT,
                ADDRESS, JAVA_INT, ADDRESS);
        saveBuffer = byAddress(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS), 3);
        tiffSavePyramid = varargs("vips_tiffsave", JAVA_INT, 2, ADDRESS, ADDRESS,
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    }

    /**
     * libvips loads its plug-in modules (HEIF, JPEG XL, ImageMagick, OpenSlide, Poppler) from its install prefix in
     * vips_init. None is a loader this server lets read images ({@link #blockUntrusted}), yet together they mapped 28
     * libraries more into every image server (RSS after one tile 114 -> 108 MB, measured). {@code VIPSHOME} names the
     * prefix: it points where there are no modules while vips_init runs (unless the user set it), then is unset. The
     * process's children never see it: Java hands them the environment it read at start. (libvips also looks for its
     * message translations there: its errors read in English, as the logs around them do.) libc's putenv and
     * unsetenv, not GLib's g_setenv and g_unsetenv: they take the shape vips_init takes, so a start links no
     * call shape for them (see Downcall); putenv's string lives in the arena until after unsetenv.
     */
    private static final class ModulesOff implements AutoCloseable {
        private static final String NOWHERE = "/nonexistent/forecourt: libvips modules off";
        private final Downcall unset;
        private final MemorySegment name;

        private ModulesOff(Downcall unset, MemorySegment name) {
            this.unset = unset;
            this.name = name;
        }

        static ModulesOff during(Arena a) throws Throwable {
            if (System.getenv("VIPSHOME") != null) {
                return new ModulesOff(null, null);
            }
            Downcall unset = libc("unsetenv"); // found before it is needed
            Downcall put = libc("putenv");
            int failed = (int) put.handle().invokeExact(a.allocateFrom("VIPSHOME=" + NOWHERE));
            return new ModulesOff(failed == 0 ? unset : null, a.allocateFrom("VIPSHOME"));
        }

        private static Downcall libc(String name) {
            return Downcall.of(Linker.nativeLinker().defaultLookup().find(name).orElseThrow(
                    () -> new IllegalStateException("libc has no " + name)), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        }

        @Override
        public void close() throws Exception {
            if (unset != null) {
                try {
                    int ignored = (int) unset.handle().invokeExact(name);
                } catch (Throwable t) {
                    throw new IllegalStateException("unsetenv failed", t);
                }
            }
        }
    }

    /** libvips bound once per process (vips_init is), on a thread of its own: see {@link #bind}. */
    private static CompletableFuture<Vips> binding;

    /**
     * Starts binding libvips on a thread of its own, once per process, and returns what {@link #open} will take:
     * loading the library and vips_init (the handles are made on first use) take a good part of a start, which a
     * command can spend beside its own (parsing, the event loops, the listeners).
     */
    static synchronized CompletableFuture<Vips> bind() {
        if (binding == null) {
            // The environment is read here, before the thread starts: its first read links a native method, which
            // waits for the dynamic loader's lock, and the thread's dlopen of libvips (and its ~100 libraries) holds
            // that lock for tens of ms. The start's own first read (the metrics registry's) waited that long.
            System.getenv("VIPSHOME");
            CompletableFuture<Vips> b = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    b.complete(create());
                } catch (Throwable e) {
                    b.completeExceptionally(e);
                }
            }, "libvips-bind");
            t.setDaemon(true);
            t.start();
            binding = b;
        }
        return binding;
    }

    /** Binds Debian's {@code libvips.so.42} (or takes it as {@link #bind} bound it), or explains why not. */
    static Vips open() throws Exception {
        try {
            return bind().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ex ? ex : new IOException(cause.toString(), cause);
        }
    }

    /** The caller falls back to the Java engine when this fails. */
    private static Vips create() throws Exception {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup("libvips.so.42", Arena.global());
        } catch (IllegalArgumentException e) {
            throw new IOException("libvips.so.42 is not installed (Debian: apt-get install libvips42)", e);
        }
        try {
            return new Vips(lib);
        } catch (Exception | Error e) {
            throw e instanceof Exception ex ? ex : new IOException(e.toString(), e);
        } catch (Throwable t) {
            throw new IOException(t.toString(), t);
        }
    }

    String version() {
        return version;
    }

    /**
     * Refuses the loaders libvips marks untrusted (not fuzzed: ImageMagick, SVG, PDF, MAT, FITS, ...), so that a
     * file under the images directory never reaches them whatever its bytes. False when libvips predates 8.13,
     * which has no such switch.
     */
    boolean blockUntrusted() throws Throwable {
        var set = lib.find("vips_block_untrusted_set");
        if (set.isEmpty()) {
            return false;
        }
        Downcall.of(set.get(), FunctionDescriptor.ofVoid(JAVA_INT)).handle().invokeExact(1);
        return true;
    }

    /**
     * Blocks every loader but {@code allowed} (nicknames such as {@code jpegload}): an allowlist, stronger than
     * the untrusted flag, which a loader added by a later libvips or a plugin module might not carry. Returns the
     * loaders this libvips has and left open, or null when it predates 8.13 ({@code vips_operation_block_set}).
     */
    java.util.List<String> allowOnlyLoaders(java.util.List<String> allowed) throws Throwable {
        var blockSet = lib.find("vips_operation_block_set");
        var typeFind = lib.find("vips_type_find");
        if (blockSet.isEmpty() || typeFind.isEmpty()) {
            return null;
        }
        MethodHandle block = Downcall.of(blockSet.get(), FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT)).handle();
        // A GType is a gsize, pointer-sized: carried as an address, g_type_name takes the shape of
        // vips_foreign_find_load, which is so linked here rather than in the first request: one distinct call shape
        // fewer in all (each costs a start 5..15 ms of class spinning: see Downcall)
        MethodHandle find = Downcall.of(typeFind.get(), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS)).handle();
        Downcall typeName = fixed("g_type_name", FunctionDescriptor.of(ADDRESS, ADDRESS));
        java.util.List<String> open = new java.util.ArrayList<>();
        try (Arena a = Arena.ofConfined()) {
            block.invokeExact(a.allocateFrom("VipsForeignLoad"), 1);
            for (String nickname : allowed) {
                MemorySegment type = (MemorySegment) find.invokeExact(a.allocateFrom("VipsOperation"),
                        a.allocateFrom(nickname));
                if (type.address() == 0) {
                    continue; // a loader this build lacks (no libopenjp2, say)
                }
                // by class name (VipsForeignLoadPngFile): libvips 8.14 takes no nickname here
                MemorySegment name = ((MemorySegment) typeName.handle().invokeExact(type)).reinterpret(256);
                block.invokeExact(name, 0);
                open.add(nickname);
            }
        }
        return open;
    }

    /** Linked on first call ({@link Downcall}); a symbol libvips lacks is said here, at bind. */
    private Downcall fixed(String name, FunctionDescriptor d) {
        return Downcall.of(symbol(name), d);
    }

    private Downcall varargs(String name, MemoryLayout result, int firstVariadic, MemoryLayout... args) {
        return Downcall.of(symbol(name), FunctionDescriptor.of(result, args), Linker.Option.firstVariadicArg(firstVariadic));
    }

    /** A function chosen per call (a loader or saver), its address passed first. */
    private static Downcall byAddress(FunctionDescriptor d, int firstVariadic) {
        return Downcall.byAddress(d, Linker.Option.firstVariadicArg(firstVariadic));
    }

    MemorySegment symbol(String name) {
        return lib.find(name).orElseThrow(() -> new IllegalStateException("libvips has no symbol " + name));
    }

    // --- calls -------------------------------------------------------------------------------------------

    /** The name of the loader libvips would use for this file (e.g. {@code VipsForeignLoadJpegFile}), or null. */
    String loader(Arena a, String file) throws Throwable {
        MemorySegment name = (MemorySegment) findLoad.handle().invokeExact(a.allocateFrom(file));
        if (name.address() == 0) {
            errorClear.handle().invokeExact();
            return null;
        }
        return name.reinterpret(256).getString(0);
    }

    MemorySegment open(Arena a, String file) throws Throwable {
        MemorySegment img = (MemorySegment) newFromFile.handle().invokeExact(a.allocateFrom(file), a.allocateFrom("access"),
                ACCESS_RANDOM, MemorySegment.NULL);
        if (img.address() == 0) {
            throw failure("cannot read " + file);
        }
        return img;
    }

    /** {@code vips_<op>(file, &out, option, value, "access", random, NULL)}, e.g. jpegload with shrink. */
    MemorySegment load(Arena a, String op, String file, String option, int value) throws Throwable {
        MemorySegment out = a.allocate(ADDRESS);
        int rc = (int) loadWithInt.handle().invokeExact(symbol("vips_" + op), a.allocateFrom(file), out, a.allocateFrom(option),
                value, a.allocateFrom("access"), ACCESS_RANDOM, MemorySegment.NULL);
        return result(rc, out, op + " " + option + "=" + value + " of " + file);
    }

    int width(MemorySegment img) throws Throwable {
        return (int) width.handle().invokeExact(img);
    }

    int height(MemorySegment img) throws Throwable {
        return (int) height.handle().invokeExact(img);
    }

    int pages(MemorySegment img) throws Throwable {
        return (int) pages.handle().invokeExact(img);
    }

    int bands(MemorySegment img) throws Throwable {
        return (int) bands.handle().invokeExact(img);
    }

    boolean hasAlpha(MemorySegment img) throws Throwable {
        return (int) hasAlpha.handle().invokeExact(img) != 0;
    }

    int format(MemorySegment img) throws Throwable {
        return (int) format.handle().invokeExact(img);
    }

    /**
     * Every pixel of {@code img}, computed on the calling thread (a region prepared and copied out: no thread
     * pool, no write-behind thread, as a saver would use), freed when {@code a} closes.
     */
    MemorySegment pixels(Arena a, MemorySegment img) throws Throwable {
        MemorySegment region = (MemorySegment) regionNew.handle().invokeExact(img);
        if (region.address() == 0) {
            throw failure("region_new");
        }
        try {
            MemorySegment len = a.allocate(JAVA_LONG);
            MemorySegment data = (MemorySegment) regionFetch.handle().invokeExact(region, 0, 0, width(img), height(img), len);
            if (data.address() == 0) {
                throw failure("region_fetch");
            }
            return data.reinterpret(len.get(JAVA_LONG, 0), a, this::free);
        } finally {
            unref(region);
        }
    }

    private void free(MemorySegment data) {
        try {
            gFree.handle().invokeExact(data);
        } catch (Throwable t) {
            throw new IllegalStateException("g_free failed", t);
        }
    }

    MemorySegment extractArea(Arena a, MemorySegment in, int x, int y, int w, int h) throws Throwable {
        MemorySegment out = a.allocate(ADDRESS);
        return result((int) extractArea.handle().invokeExact(in, out, x, y, w, h, MemorySegment.NULL), out, "extract_area");
    }

    MemorySegment resize(Arena a, MemorySegment in, double hscale, double vscale) throws Throwable {
        MemorySegment out = a.allocate(ADDRESS);
        return result((int) resize.handle().invokeExact(in, out, hscale, a.allocateFrom("vscale"), vscale, MemorySegment.NULL),
                out, "resize");
    }

    MemorySegment rot(Arena a, MemorySegment in, int angle) throws Throwable {
        MemorySegment out = a.allocate(ADDRESS);
        return result((int) rot.handle().invokeExact(in, out, angle, MemorySegment.NULL), out, "rot");
    }

    MemorySegment flip(Arena a, MemorySegment in, int direction) throws Throwable {
        MemorySegment out = a.allocate(ADDRESS);
        return result((int) flip.handle().invokeExact(in, out, direction, MemorySegment.NULL), out, "flip");
    }

    MemorySegment rotate(Arena a, MemorySegment in, double degrees) throws Throwable {
        MemorySegment out = a.allocate(ADDRESS);
        return result((int) rotate.handle().invokeExact(in, out, degrees, MemorySegment.NULL), out, "rotate");
    }

    MemorySegment colourspace(Arena a, MemorySegment in, int interpretation) throws Throwable {
        MemorySegment out = a.allocate(ADDRESS);
        return result((int) colourspace.handle().invokeExact(in, out, interpretation, MemorySegment.NULL), out, "colourspace");
    }

    MemorySegment relational(Arena a, MemorySegment in, int relation, double c) throws Throwable {
        MemorySegment out = a.allocate(ADDRESS);
        return result((int) relationalConst1.handle().invokeExact(in, out, relation, c, MemorySegment.NULL), out,
                "relational_const");
    }

    /** Removes alpha by blending onto white, as a JPEG viewer would expect. */
    MemorySegment flattenOnWhite(Arena a, MemorySegment in) throws Throwable {
        MemorySegment white = a.allocateFrom(JAVA_DOUBLE, 255, 255, 255);
        MemorySegment array = (MemorySegment) arrayDoubleNew.handle().invokeExact(white, 3);
        try {
            MemorySegment out = a.allocate(ADDRESS);
            return result((int) flatten.handle().invokeExact(in, out, a.allocateFrom("background"), array, MemorySegment.NULL),
                    out, "flatten");
        } finally {
            areaUnref.handle().invokeExact(array);
        }
    }

    byte[] jpeg(Arena a, MemorySegment in, int quality) throws Throwable {
        MemorySegment buf = a.allocate(ADDRESS);
        MemorySegment len = a.allocate(JAVA_LONG);
        int rc = (int) jpegSaveBuffer.handle().invokeExact(in, buf, len, a.allocateFrom("Q"), quality, a.allocateFrom("strip"), 1,
                MemorySegment.NULL);
        return bytes(rc, buf, len, "jpegsave_buffer");
    }

    /** {@code vips_<op>_buffer(in, &buf, &len, NULL)} for the savers called with defaults (png, webp, tiff, ...). */
    byte[] save(Arena a, String op, MemorySegment in) throws Throwable {
        MemorySegment buf = a.allocate(ADDRESS);
        MemorySegment len = a.allocate(JAVA_LONG);
        int rc = (int) saveBuffer.handle().invokeExact(symbol("vips_" + op), in, buf, len, MemorySegment.NULL);
        return bytes(rc, buf, len, op);
    }

    void tiffPyramid(Arena a, MemorySegment in, String file, int quality, int tile) throws Throwable {
        int rc = (int) tiffSavePyramid.handle().invokeExact(in, a.allocateFrom(file),
                a.allocateFrom("tile"), 1, a.allocateFrom("pyramid"), 1,
                a.allocateFrom("compression"), TIFF_COMPRESSION_JPEG, a.allocateFrom("Q"), quality,
                a.allocateFrom("tile_width"), tile, a.allocateFrom("tile_height"), tile, MemorySegment.NULL);
        if (rc != 0) {
            throw failure("tiffsave " + file);
        }
    }

    /**
     * Calls {@code onEval(percent)} as libvips computes {@code img} (its "eval" signal) until {@link #offProgress};
     * returns the handler's id.
     */
    long onProgress(Arena a, MemorySegment img, MemorySegment callback) throws Throwable {
        setProgress.handle().invokeExact(img, 1);
        long id = (long) signalConnect.handle().invokeExact(img, a.allocateFrom("eval"), callback, MemorySegment.NULL,
                MemorySegment.NULL, 0);
        if (id == 0) {
            throw new IOException("could not follow the progress of libvips");
        }
        return id;
    }

    /**
     * Stops following {@code img}'s progress. It must come before the callback's stub is freed: libvips keeps opened
     * images in its cache, and the next computation of the same file would call a stub that is gone (a crash).
     */
    void offProgress(MemorySegment img, long handler) throws Throwable {
        signalDisconnect.handle().invokeExact(img, handler);
        setProgress.handle().invokeExact(img, 0);
    }

    void unref(MemorySegment img) {
        if (img != null && img.address() != 0) {
            try {
                unref.handle().invokeExact(img);
            } catch (Throwable t) {
                throw new IllegalStateException("g_object_unref failed", t);
            }
        }
    }

    /**
     * One thread per pipeline (the service runs requests side by side on its own pool, so libvips's worker
     * threads would only add hand-offs), and a byte budget for the operation cache (open files, decoded images).
     */
    void configure(long cacheBytes) throws Throwable {
        concurrencySet.handle().invokeExact(1);
        cacheSetMaxMem.handle().invokeExact(cacheBytes);
    }

    void dropCache() throws Throwable {
        cacheDropAll.handle().invokeExact();
    }

    private MemorySegment result(int rc, MemorySegment out, String what) throws Throwable {
        if (rc != 0) {
            throw failure(what);
        }
        return out.get(ADDRESS, 0);
    }

    private byte[] bytes(int rc, MemorySegment buf, MemorySegment len, String what) throws Throwable {
        if (rc != 0) {
            throw failure(what);
        }
        MemorySegment data = buf.get(ADDRESS, 0);
        try {
            return data.reinterpret(len.get(JAVA_LONG, 0)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        } finally {
            gFree.handle().invokeExact(data);
        }
    }

    private IOException failure(String what) throws Throwable {
        MemorySegment text = (MemorySegment) errorBuffer.handle().invokeExact();
        String message = text.address() == 0 ? "" : text.reinterpret(4096).getString(0).strip();
        errorClear.handle().invokeExact();
        return new IOException("libvips " + what + ": " + (message.isEmpty() ? "failed" : message));
    }
}
