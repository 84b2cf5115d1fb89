package dev.forecourt.edge.cache;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Linux's memory-backed files ({@code memfd_create(2)}, called through FFM): a file in RAM, with no name in any file
 * system, that the kernel can send with sendfile as it sends one from the page cache. Elsewhere (another OS, no
 * {@code /proc}, native access refused) {@link #AVAILABLE} is false and the memory tier keeps bodies in buffers.
 */
final class Memfd {
    private Memfd() {}

    private static final int MFD_CLOEXEC = 1;
    private static final MethodHandle CREATE;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle create = null;
        MethodHandle close = null;
        try {
            if (System.getProperty("os.name", "").startsWith("Linux") && Files.isDirectory(Path.of("/proc/self/fd"))) {
                Linker c = Linker.nativeLinker();
                Optional<MemorySegment> mc = c.defaultLookup().find("memfd_create");
                Optional<MemorySegment> cl = c.defaultLookup().find("close");
                if (mc.isPresent() && cl.isPresent()) {
                    create = c.downcallHandle(mc.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_INT));
                    close = c.downcallHandle(cl.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
                }
            }
        } catch (RuntimeException | Error refused) { // IllegalCallerException: native access refused
            create = null;
            close = null;
        }
        CREATE = create;
        CLOSE = close;
    }

    /** Whether memory-backed files can be made here. */
    static final boolean AVAILABLE = CREATE != null;

    /**
     * A new, empty memory-backed file, open for reading and writing; it lives as long as the channel (or a mapping of
     * it) does. Its descriptor is reopened through {@code /proc/self/fd}, for a FileChannel, and the first one closed.
     */
    static FileChannel create(String name) throws IOException {
        if (!AVAILABLE) {
            throw new IOException("memfd_create is not available here");
        }
        int fd;
        try (Arena a = Arena.ofConfined()) {
            fd = (int) CREATE.invokeExact(a.allocateFrom(name), MFD_CLOEXEC);
        } catch (Throwable t) {
            throw new IOException("memfd_create: " + t, t);
        }
        if (fd < 0) {
            throw new IOException("memfd_create failed (out of descriptors or memory)");
        }
        try {
            return FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.READ, StandardOpenOption.WRITE);
        } finally {
            close(fd);
        }
    }

    private static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close(2) could not be called", t); // a bound handle of (int) int: never
        }
    }
}
