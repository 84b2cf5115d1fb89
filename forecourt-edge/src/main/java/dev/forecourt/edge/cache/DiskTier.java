package dev.forecourt.edge.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored responses in files under one directory, within a byte budget, kept across restarts. One file per object:
 * {@code FCC1}, the head (url, selection, times, status, headers), the body, and a CRC32C of all of it. Files are
 * written on one background thread to a temporary name and renamed into place, so a crash leaves either the old
 * object or the new one; a file whose checksum or length is wrong is deleted, never served. At start the directory
 * is indexed by reading heads only; the least recently used objects go first when the budget is exceeded.
 */
public final class DiskTier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskTier.class);
    private static final int MAGIC = 0x46434331; // "FCC1"

    /** What the index knows of one file without reading it. */
    private record Meta(String file, String variant, List<String> varyNames, List<String> varyValues, long bytes,
                        AtomicLong lastUse) {}

    private final Path dir;
    private final long budget;
    private final Map<String, List<Meta>> index = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    /** One writer thread; at most {@link #WRITE_QUEUE} objects wait for it, the rest are not written (memory bound). */
    private final ExecutorService writer = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(WRITE_QUEUE), r -> {
                Thread t = new Thread(r, "forecourt-cache-disk");
                t.setDaemon(true);
                return t;
            });
    private static final int WRITE_QUEUE = 256;

    public DiskTier(Path dir, long budget) throws IOException {
        this.dir = dir;
        this.budget = budget;
        Files.createDirectories(dir);
        load();
    }

    /** Objects on disk and their bytes, for logs and tests. */
    public long bytes() {
        return bytes.get();
    }

    public int objects() {
        return index.values().stream().mapToInt(List::size).sum();
    }

    CachedResponse find(String url, String variant, HttpHeaders request) {
        List<Meta> metas = index.get(url);
        if (metas == null) {
            return null;
        }
        for (Meta m : metas) {
            if (m.variant.equals(variant) && varyMatches(m, request)) {
                CachedResponse r = read(dir.resolve(m.file));
                if (r == null) {
                    drop(url, m);
                    return null;
                }
                m.lastUse.set(System.nanoTime());
                return r;
            }
        }
        return null;
    }

    private static boolean varyMatches(Meta m, HttpHeaders request) {
        for (int i = 0; i < m.varyNames.size(); i++) {
            String now = VaryValues.of(request, m.varyNames.get(i));
            String then = m.varyValues.get(i);
            if (now == null ? then != null : !now.equals(then)) {
                return false;
            }
        }
        return true;
    }

    /** Writes a copy of {@code r} in the background; {@code r} stays the caller's. */
    void write(String url, CachedResponse r) {
        ByteBuf body = r.body.retainedDuplicate();
        try {
            writer.execute(() -> {
                try {
                    writeNow(url, r, body);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cache: could not write {} to {}: {}", url, dir, e.toString());
                } finally {
                    body.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closedOrBehind) {
            body.release(); // the disk is behind (or closing): this object stays in memory only
        }
    }

    private void writeNow(String url, CachedResponse r, ByteBuf body) throws IOException {
        String name = fileName(url, r);
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream(512);
        DataOutputStream out = new DataOutputStream(headBytes);
        out.writeInt(MAGIC);
        out.writeUTF(url);
        out.writeUTF(r.variant);
        writeList(out, r.varyNames);
        writeList(out, r.varyValues);
        out.writeInt(r.status.code());
        out.writeUTF(r.status.reasonPhrase());
        out.writeLong(r.requestTime);
        out.writeLong(r.responseTime);
        out.writeLong(r.lifetime);
        out.writeLong(r.initialAge);
        out.writeInt(r.headers.size());
        for (Map.Entry<String, String> h : r.headers) {
            out.writeUTF(h.getKey());
            out.writeUTF(h.getValue());
        }
        out.writeLong(body.readableBytes());
        out.flush();
        byte[] head = headBytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(head);
        ByteBuffer bodyNio = body.nioBuffer();
        crc.update(bodyNio.duplicate());
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, ByteBuffer.wrap(head));
            writeFully(ch, bodyNio);
            writeFully(ch, ByteBuffer.allocate(4).putInt(0, (int) crc.getValue()));
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        long size = head.length + body.readableBytes() + 4L;
        Meta meta = new Meta(name, r.variant, r.varyNames, r.varyValues, size, new AtomicLong(System.nanoTime()));
        add(url, meta);
        evictOverBudget();
    }

    private void add(String url, Meta meta) {
        index.compute(url, (k, list) -> {
            List<Meta> next = new ArrayList<>();
            if (list != null) {
                for (Meta m : list) {
                    if (m.file.equals(meta.file)) {
                        bytes.addAndGet(-m.bytes);
                    } else {
                        next.add(m);
                    }
                }
            }
            next.add(meta);
            return List.copyOf(next);
        });
        bytes.addAndGet(meta.bytes);
    }

    private void evictOverBudget() {
        if (bytes.get() <= budget) {
            return;
        }
        List<Map.Entry<String, Meta>> all = new ArrayList<>();
        index.forEach((url, list) -> list.forEach(m -> all.add(Map.entry(url, m))));
        all.sort(java.util.Comparator.comparingLong(e -> e.getValue().lastUse.get()));
        for (Map.Entry<String, Meta> e : all) {
            if (bytes.get() <= budget) {
                break;
            }
            drop(e.getKey(), e.getValue());
        }
    }

    private void drop(String url, Meta meta) {
        boolean[] removed = {false};
        index.computeIfPresent(url, (k, list) -> {
            List<Meta> next = new ArrayList<>(list);
            removed[0] = next.remove(meta);
            return next.isEmpty() ? null : List.copyOf(next);
        });
        if (removed[0]) {
            bytes.addAndGet(-meta.bytes);
            try {
                Files.deleteIfExists(dir.resolve(meta.file));
            } catch (IOException ignored) {
                // the index no longer names it; a stray file is re-read (and checked) at the next start
            }
        }
    }

    /** Removes every url the predicate accepts; returns how many. */
    int remove(Predicate<String> url) {
        List<String> urls = index.keySet().stream().filter(url).toList();
        for (String u : urls) {
            List<Meta> list = index.get(u);
            if (list != null) {
                list.forEach(m -> drop(u, m));
            }
        }
        return urls.size();
    }

    /** Reads and checks a whole file; null (and the file is deleted) if it is not intact. */
    private CachedResponse read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 16 || size > Integer.MAX_VALUE) {
                throw new IOException("size " + size);
            }
            ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer((int) size);
            try {
                while (buf.writerIndex() < size) {
                    if (buf.writeBytes(ch, buf.writerIndex(), (int) size - buf.writerIndex()) < 0) {
                        throw new IOException("short read");
                    }
                }
                CRC32C crc = new CRC32C();
                crc.update(buf.nioBuffer(0, (int) size - 4));
                if ((int) crc.getValue() != buf.getInt((int) size - 4)) {
                    throw new IOException("checksum mismatch");
                }
                Head h = Head.read(new io.netty.buffer.ByteBufInputStream(buf.duplicate()));
                int bodyStart = h.headLength;
                if (bodyStart + h.bodyLength + 4 != size) {
                    throw new IOException("length mismatch");
                }
                ByteBuf body = buf.retainedSlice(bodyStart, (int) h.bodyLength);
                return h.response(body);
            } finally {
                buf.release();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cache: {} is not intact ({}); deleted, not served", file.getFileName(), e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // nothing more to do
            }
            return null;
        }
    }

    /** A file's head, parsed. */
    private record Head(String url, String variant, List<String> varyNames, List<String> varyValues, int status,
                        String reason, long requestTime, long responseTime, long lifetime, long initialAge,
                        HttpHeaders headers, long bodyLength, int headLength) {

        static Head read(InputStream raw) throws IOException {
            CountingInput counted = new CountingInput(raw);
            DataInputStream in = new DataInputStream(counted);
            if (in.readInt() != MAGIC) {
                throw new IOException("not a cache file");
            }
            String url = in.readUTF();
            String variant = in.readUTF();
            List<String> names = readList(in);
            List<String> values = readList(in);
            int status = in.readInt();
            String reason = in.readUTF();
            long reqT = in.readLong();
            long respT = in.readLong();
            long life = in.readLong();
            long age = in.readLong();
            int n = in.readInt();
            HttpHeaders h = new DefaultHttpHeaders(false);
            for (int i = 0; i < n; i++) {
                h.add(in.readUTF(), in.readUTF());
            }
            long bodyLength = in.readLong();
            return new Head(url, variant, names, values, status, reason, reqT, respT, life, age, h, bodyLength,
                    (int) counted.count);
        }

        CachedResponse response(ByteBuf body) {
            Directives cc = Directives.parse(headers.contains("cdn-cache-control")
                    ? headers.getAll("cdn-cache-control") : headers.getAll("cache-control"));
            return new CachedResponse(variant, varyNames, varyValues, new HttpResponseStatus(status, reason), headers,
                    body, requestTime, responseTime, lifetime, initialAge, cc);
        }
    }

    private void load() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    Files.deleteIfExists(f);
                    continue;
                }
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 4096)) {
                    Head h = Head.read(in);
                    long size = Files.size(f);
                    if (h.headLength + h.bodyLength + 4 != size) {
                        throw new IOException("length mismatch");
                    }
                    add(h.url, new Meta(n, h.variant, h.varyNames, h.varyValues, size,
                            new AtomicLong(Files.getLastModifiedTime(f).toMillis())));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cache: {} is not intact ({}); deleted", n, e.getMessage());
                    Files.deleteIfExists(f);
                }
            }
        }
        LOG.info("cache: {} objects, {} bytes on disk in {}", objects(), bytes(), dir);
    }

    private static String fileName(String url, CachedResponse r) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((url + '\0' + r.variant + '\0' + r.varyNames + '\0' + r.varyValues).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(), 0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeBoolean(s != null);
            if (s != null) out.writeUTF(s);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1024) throw new IOException("bad list length " + n);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readBoolean() ? in.readUTF() : null);
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Counts bytes read, to know where the head ends. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
