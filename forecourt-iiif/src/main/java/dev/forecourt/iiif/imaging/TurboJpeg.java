package dev.forecourt.iiif.imaging;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;

/**
 * libjpeg-turbo's TurboJPEG API (Debian's {@code libturbojpeg0}), bound with the FFM API: a JPEG decoded into
 * memory the caller owns and pixels encoded from it, on the calling thread. libvips pays for each tile an
 * operation graph, its thread pool and its write-behind thread; this pays the codec alone. Errors come back as
 * return codes with TurboJPEG's text (it catches libjpeg's own longjmp), never as an exit.
 */
final class TurboJpeg {
    static final int PIXEL_RGB = 0; // TJPF_RGB: 3 bytes a pixel
    static final int SUBSAMPLING_420 = 2; // TJSAMP_420: what libvips and iipsrv write below Q90
    static final int SUBSAMPLING_GRAY = 3; // TJSAMP_GRAY
    private static final int COLOURS_RGB = 0; // TJCS_RGB
    private static final int COLOURS_YCBCR = 1; // TJCS_YCbCr
    private static final int NO_REALLOC = 1024; // TJFLAG_NOREALLOC: encode into the buffer given
    // TJFLAG_ACCURATEDCT: libjpeg's own (islow) DCT, as libvips and iipsrv use; TurboJPEG's default, the fast
    // integer DCT, costs about 1% of PSNR at Q80
    private static final int ACCURATE = 4096;
    // TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS: a damaged tile fails, and a progressive one cannot spin for ever
    private static final int STRICT = 8192 | 32768;

    private final Downcall initDecompress;
    private final Downcall initCompress;
    private final Downcall destroy;
    private final Downcall header;
    private final Downcall decompress;
    private final Downcall compress;
    private final Downcall bufSize;
    private final Downcall errorText;

    private TurboJpeg(SymbolLookup lib) {
        initDecompress = bind(lib, "tjInitDecompress", FunctionDescriptor.of(ADDRESS));
        initCompress = bind(lib, "tjInitCompress", FunctionDescriptor.of(ADDRESS));
        destroy = bind(lib, "tjDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        header = bind(lib, "tjDecompressHeader3", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        decompress = bind(lib, "tjDecompress2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG,
                ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        compress = bind(lib, "tjCompress2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        bufSize = bind(lib, "tjBufSize", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT));
        errorText = bind(lib, "tjGetErrorStr2", FunctionDescriptor.of(ADDRESS, ADDRESS));
    }

    /** Binds {@code libturbojpeg.so.0}, or says why it cannot (the caller then decodes with libvips alone). */
    static TurboJpeg open() throws IOException {
        try {
            return new TurboJpeg(SymbolLookup.libraryLookup("libturbojpeg.so.0", Arena.global()));
        } catch (IllegalArgumentException e) {
            throw new IOException("libturbojpeg.so.0 is not installed (Debian: apt-get install libturbojpeg0)", e);
        } catch (IllegalStateException e) { // bind's: a symbol this libturbojpeg lacks
            throw new IOException(e.getMessage() + " (libjpeg-turbo 2.0 or later has every function used here)", e);
        }
    }

    /** Linked on first call ({@link Downcall}); a symbol the library lacks is said here, at bind. */
    private static Downcall bind(SymbolLookup lib, String name, FunctionDescriptor d) {
        return Downcall.of(lib.find(name).orElseThrow(
                () -> new IllegalStateException("libturbojpeg has no symbol " + name)), d);
    }

    /**
     * Decodes {@code jpeg} as RGB into {@code dst}, rows {@code pitch} bytes apart, when it is {@code width x
     * height} pixels of RGB or YCbCr; returns false, decoding nothing, when it is another size, grey or CMYK.
     */
    boolean decode(Arena a, MemorySegment jpeg, MemorySegment dst, int width, int pitch, int height)
            throws IOException {
        if (dst.byteSize() < (long) pitch * (height - 1) + 3L * width) {
            throw new IllegalArgumentException("destination too small for " + width + "x" + height);
        }
        return with(initDecompress, h -> {
            MemorySegment found = a.allocate(JAVA_INT, 4); // width, height, subsampling, colour space
            check((int) header.handle().invokeExact(h, jpeg, jpeg.byteSize(), found, found.asSlice(4), found.asSlice(8),
                    found.asSlice(12)), h, "reading a JPEG header");
            int colours = found.getAtIndex(JAVA_INT, 3);
            if (found.getAtIndex(JAVA_INT, 0) != width || found.getAtIndex(JAVA_INT, 1) != height
                    || found.getAtIndex(JAVA_INT, 2) == SUBSAMPLING_GRAY
                    || colours != COLOURS_RGB && colours != COLOURS_YCBCR) {
                return false;
            }
            check((int) decompress.handle().invokeExact(h, jpeg, jpeg.byteSize(), dst, width, pitch, height, PIXEL_RGB,
                    ACCURATE | STRICT), h, "decoding a JPEG");
            return true;
        });
    }

    /** Encodes {@code width x height} RGB pixels at {@code src} (rows {@code pitch} bytes apart) as a JPEG. */
    byte[] encode(Arena a, MemorySegment src, int width, int pitch, int height, int quality, int subsampling)
            throws IOException {
        return with(initCompress, h -> {
            long most = (long) bufSize.handle().invokeExact(width, height, subsampling);
            MemorySegment buf = a.allocate(most);
            MemorySegment bufPtr = a.allocate(ADDRESS);
            bufPtr.set(ADDRESS, 0, buf);
            MemorySegment size = a.allocate(JAVA_LONG);
            size.set(JAVA_LONG, 0, most);
            check((int) compress.handle().invokeExact(h, src, width, pitch, height, PIXEL_RGB, bufPtr, size, subsampling,
                    quality, ACCURATE | NO_REALLOC), h, "encoding a JPEG");
            return buf.asSlice(0, size.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
        });
    }

    /** What is done with a codec handle; TurboJPEG's calls are method handles, which throw Throwable. */
    private interface Work<T> {
        T run(MemorySegment handle) throws Throwable;
    }

    /** Runs {@code work} on a codec made by {@code init} for it alone (one is not for two threads at once). */
    private <T> T with(Downcall init, Work<T> work) throws IOException {
        MemorySegment h = handle(init);
        try {
            return work.run(h);
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("TurboJPEG failed: " + t, t);
        } finally {
            close(h);
        }
    }

    private static MemorySegment handle(Downcall init) throws IOException {
        try {
            MemorySegment h = (MemorySegment) init.handle().invokeExact();
            if (h.address() == 0) {
                throw new IOException("TurboJPEG could not make a codec (out of memory?)");
            }
            return h;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("TurboJPEG failed: " + t, t);
        }
    }

    private void close(MemorySegment h) {
        try {
            int ignored = (int) destroy.handle().invokeExact(h);
        } catch (Throwable t) {
            throw new IllegalStateException("tjDestroy failed", t);
        }
    }

    private void check(int rc, MemorySegment h, String what) throws Throwable {
        if (rc != 0) {
            MemorySegment text = (MemorySegment) errorText.handle().invokeExact(h);
            String message = text.address() == 0 ? "failed" : text.reinterpret(256).getString(0);
            throw new IOException("TurboJPEG " + what + ": " + message);
        }
    }
}
