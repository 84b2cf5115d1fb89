package dev.forecourt.edge.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stored body in a memory-backed file ({@link Memfd}), mapped into this process: to the cache an ordinary
 * reference-counted buffer (sliced, retained, counted in the memory tier's budget as before), to a plain HTTP/1.1
 * connection a file it sends with sendfile ({@link #channel()}), as the disk tier's bodies are. Writing a body from
 * user memory copies it into the socket's buffers on every hit; sendfile hands the kernel the file's pages instead
 * (200 KiB hits: see cache-vs-nginx.sh). Its last release unmaps it and closes the file, which frees its memory.
 */
final class MemoryFileBuffer extends UnpooledDirectByteBuf {
    /**
     * Bodies from this size on are kept in a memory-backed file, as the disk tier sends its bodies from their files from
     * the same size on. (Measured on a busy machine, CPU per hit against a buffer: 1 MiB 0.65-0.83, 200 KiB 0.99-1.24,
     * 10 KiB about even; smaller bodies stay buffers, which also keeps descriptors few.)
     */
    static final int FROM = (int) DiskTier.IN_FILE_FROM;

    /**
     * At most this many at once: each holds a descriptor while stored (a 256MiB tier holds at most 4096 bodies of
     * {@link #FROM}); a quarter of the process's descriptor limit leaves the rest for connections. Beyond it, buffers.
     */
    private static final int MAX_OPEN = maxOpen();
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final FileChannel channel;
    private final Arena mapping;

    private MemoryFileBuffer(FileChannel channel, Arena mapping, MemorySegment bytes) {
        super(UnpooledByteBufAllocator.DEFAULT, bytes.asByteBuffer(), (int) bytes.byteSize());
        this.channel = channel;
        this.mapping = mapping;
    }

    /**
     * {@code body} moved into a memory-backed file (its reference released), or {@code body} itself where it is
     * smaller than {@link #FROM}, memory-backed files are not available, {@link #MAX_OPEN} are open, or the kernel
     * refused one.
     */
    static ByteBuf of(ByteBuf body) {
        int length = body.readableBytes();
        if (length < FROM || !Memfd.AVAILABLE) {
            return body;
        }
        if (OPEN.incrementAndGet() > MAX_OPEN) {
            OPEN.decrementAndGet();
            return body;
        }
        FileChannel ch = null;
        Arena arena = null;
        try {
            ch = Memfd.create("forecourt-cache");
            arena = Arena.ofShared();
            MemorySegment bytes = ch.map(FileChannel.MapMode.READ_WRITE, 0, length, arena); // extends the file
            MemorySegment.copy(MemorySegment.ofBuffer(body.nioBuffer()), 0, bytes, 0, length);
            MemoryFileBuffer moved = new MemoryFileBuffer(ch, arena, bytes);
            body.release();
            return moved;
        } catch (IOException | RuntimeException | OutOfMemoryError refused) {
            OPEN.decrementAndGet();
            if (arena != null) arena.close();
            closeQuietly(ch);
            return body;
        }
    }

    /** The memory-backed file holding these bytes (at offset 0); open while this buffer is referenced. */
    FileChannel channel() {
        return channel;
    }

    @Override
    protected void deallocate() {
        super.deallocate(); // the mapped bytes were never this buffer's to free
        try {
            mapping.close(); // unmaps: nothing reads them any more, every slice and answer released its reference
        } finally {           // even if it could not: the descriptor and the count never leak
            closeQuietly(channel);
            OPEN.decrementAndGet();
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // a memory-backed file: closing frees it, nothing to flush
            }
        }
    }

    private static int maxOpen() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return (int) Math.min(Integer.MAX_VALUE, os.getMaxFileDescriptorCount() / 4);
        }
        return 0;
    }
}
