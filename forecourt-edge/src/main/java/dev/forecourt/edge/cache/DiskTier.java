package dev.forecourt.edge.cache;

import dev.forecourt.edge.store.DiskStore;
import dev.forecourt.edge.store.EntryFiles;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored responses in files ({@link CacheFile} each) in a {@link DiskStore}, which keeps them within a byte budget,
 * across restarts, evicting the least recently used. This tier keeps their names (a hash of url and selection and a
 * counter), their format, and an index by url of what selects each (variant, Vary values), read from the heads at
 * start. Files are written on one background thread and read on two others; a file whose checksum or length is
 * wrong is deleted, never served.
 */
public final class DiskTier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskTier.class);

    /** What the index knows of one file without reading it: what selects it, and where its body starts. */
    private record Meta(String url, String file, String variant, List<String> varyNames, List<String> varyValues,
                        long bodyOffset) {}

    private final Path dir;
    private final DiskStore<Meta> store;
    /** By url; each file listed here is one entry of the store (evicted from both together). */
    private final Map<String, List<Meta>> index = new ConcurrentHashMap<>();
    /**
     * The suffix of the last file name given, started past every one found at start: a name is never given twice,
     * so a write never replaces (then deletes as the older copy) a file of the same name written before a restart.
     */
    private final AtomicLong names = new AtomicLong();
    /** One writer thread; at most {@link #WRITE_QUEUE} objects wait for it, the rest are not written (memory bound). */
    private final ExecutorService writer = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(WRITE_QUEUE), r -> {
                Thread t = new Thread(r, "forecourt-cache-disk");
                t.setDaemon(true);
                return t;
            });
    private static final int WRITE_QUEUE = 256;
    /** Two reader threads; at most 1024 reads wait (beyond that a request goes to the origin). */
    private final ExecutorService readers = new java.util.concurrent.ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(1024), r -> {
                Thread t = new Thread(r, "forecourt-cache-disk-read");
                t.setDaemon(true);
                return t;
            });

    /** A reload may change the size of a kept tier: what exceeds it is evicted as the next objects are written. */
    public void budget(long bytes) {
        store.budget(bytes);
    }

    public DiskTier(Path dir, long budget) throws IOException {
        this.dir = dir;
        this.store = DiskStore.open("cache", dir, budget, new Heads());
        store.forEach((name, meta) -> { // least recently used first: of two files for one selection, the later stays
            names.accumulateAndGet(suffix(name), Math::max);
            add(meta);
        });
        LOG.info("cache: {} objects, {} bytes on disk in {}", objects(), bytes(), dir);
    }

    /** Objects on disk and their bytes, for logs and tests. */
    public long bytes() {
        return store.bytes();
    }

    public int objects() {
        return store.entries();
    }

    /** Whether the index names an object for this url, variant and request (no file is read). */
    boolean has(String url, String variant, HttpHeaders request) {
        List<Meta> metas = index.get(url);
        if (metas != null) {
            for (Meta m : metas) {
                if (m.variant.equals(variant) && varyMatches(m, request)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads the object for this url, variant and request on a reader thread (never on an event loop: a large
     * object would stall every connection of the loop); completes with it, or with null if absent or not intact.
     */
    CompletableFuture<CachedResponse> load(String url, String variant, HttpHeaders request) {
        try {
            return CompletableFuture.supplyAsync(() -> find(url, variant, request), readers);
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            return CompletableFuture.completedFuture(null); // the disk is behind: the origin answers this one
        }
    }

    private CachedResponse find(String url, String variant, HttpHeaders request) {
        List<Meta> metas = index.get(url);
        if (metas == null) {
            return null;
        }
        for (Meta m : metas) {
            if (m.variant.equals(variant) && varyMatches(m, request)) {
                Path file = store.use(m.file);
                if (file == null) {
                    return null; // evicted since
                }
                CachedResponse r = read(file);
                if (r == null) {
                    drop(m);
                    return null;
                }
                long length = r.body.readableBytes();
                if (length >= IN_FILE_FROM) { // checked whole once; from now on sent from the file itself
                    CachedResponse inFile = r.inFile(new CachedResponse.BodyFile(file, m.bodyOffset, length));
                    r.body.release();
                    return inFile;
                }
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

    /**
     * Writes {@code r} in the background: its body is {@code body} (a reference the writer releases), or, for a
     * response whose body already lives in a file, that file's region. A body of {@link #IN_FILE_FROM} bytes or more
     * is then handed to {@code inFile} as living in the new file (so memory can let it go and it can be sent with
     * sendfile), before the file it replaces is deleted.
     */
    void write(String url, CachedResponse r, ByteBuf body, java.util.function.Consumer<CachedResponse> inFile) {
        try {
            writer.execute(() -> {
                ByteBuf b = body;
                try {
                    if (b == null) {
                        b = CacheFile.readBody(r.file);
                    }
                    writeNow(url, r, b, inFile);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cache: could not write {} to {}: {}", url, dir, e.toString());
                } finally {
                    if (b != null) b.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closedOrBehind) {
            if (body != null) body.release(); // the disk is behind (or closing): this object stays in memory only
        }
    }

    /** Bodies this large live in their file once written (served by sendfile), not in memory. */
    static final long IN_FILE_FROM = 64 * 1024;

    private void writeNow(String url, CachedResponse r, ByteBuf body, java.util.function.Consumer<CachedResponse> inFile)
            throws IOException {
        // a new name for every write: a file is never rewritten in place, so a region handed out stays valid
        String name = CacheFile.name(url, r) + "-" + Long.toHexString(names.incrementAndGet());
        Meta meta = store.put(name, ch -> new Meta(url, name, r.variant, r.varyNames, r.varyValues,
                CacheFile.write(ch, url, r, body).bodyOffset()));
        if (meta == null) {
            return; // larger than the whole budget (kept, it would evict every other object), or closing
        }
        if (inFile != null && body.readableBytes() >= IN_FILE_FROM) {
            inFile.accept(r.inFile(new CachedResponse.BodyFile(dir.resolve(name), meta.bodyOffset, body.readableBytes())));
        }
        add(meta);
    }

    /** Indexes a file the store holds; an older file for the same selection is dropped and deleted. */
    private void add(Meta meta) {
        List<Meta> replaced = new ArrayList<>(1);
        index.compute(meta.url, (k, list) -> {
            List<Meta> next = new ArrayList<>();
            if (list != null) {
                for (Meta m : list) {
                    if (m.variant.equals(meta.variant) && m.varyNames.equals(meta.varyNames)
                            && m.varyValues.equals(meta.varyValues)) {
                        replaced.add(m);
                    } else {
                        next.add(m);
                    }
                }
            }
            next.add(meta);
            return List.copyOf(next);
        });
        for (Meta m : replaced) { // outside compute: the store's lock is never taken inside the index's
            store.remove(m.file);
        }
    }

    /** Forgets a file and deletes it. */
    private void drop(Meta meta) {
        if (unindex(meta)) {
            store.remove(meta.file);
        }
    }

    /** Takes a file out of the by-url index; false if it was not there. */
    private boolean unindex(Meta meta) {
        boolean[] removed = {false};
        index.computeIfPresent(meta.url, (k, list) -> {
            List<Meta> next = new ArrayList<>(list);
            removed[0] = next.remove(meta);
            return next.isEmpty() ? null : List.copyOf(next);
        });
        return removed[0];
    }

    /** Removes every url the predicate accepts; returns how many. */
    int remove(Predicate<String> url) {
        List<String> urls = index.keySet().stream().filter(url).toList();
        for (String u : urls) {
            List<Meta> list = index.get(u);
            if (list != null) {
                list.forEach(this::drop);
            }
        }
        return urls.size();
    }

    /** Reads and checks a whole file; null if it is not intact (the caller drops it: deleted, never served). */
    private static CachedResponse read(Path file) {
        try {
            return CacheFile.read(file);
        } catch (java.nio.file.NoSuchFileException evictedSince) {
            return null;
        } catch (IOException e) {
            LOG.warn("cache: {} is not intact ({}); deleted, not served", file.getFileName(), e.getMessage());
            return null;
        }
    }

    /** What the index reads of each file at start (its head), and hears of the store's evictions. */
    private final class Heads implements EntryFiles<Meta> {
        /** {@code HASH-COUNTER}: 40 hex digits of the key's SHA-256, a hex counter ({@link CacheFile#name}). */
        @Override
        public boolean owns(String name) {
            return ENTRY_NAME.matcher(name).matches();
        }

        @Override
        public Meta describe(Path file, long bytes) throws IOException {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 4096)) {
                CacheFile.Head h = CacheFile.Head.read(in);
                if (h.headLength() + h.bodyLength() + 4 != bytes) {
                    throw new IOException("length mismatch");
                }
                return new Meta(h.url(), file.getFileName().toString(), h.variant(), h.varyNames(), h.varyValues(),
                        h.headLength());
            }
        }

        @Override
        public void evicted(String name, Meta meta) {
            unindex(meta);
        }
    }

    private static final java.util.regex.Pattern ENTRY_NAME = java.util.regex.Pattern.compile("[0-9a-f]{40}-[0-9a-f]+");

    /** The counter in a file name ({@code HASH-COUNTER}, in hex), or 0. */
    private static long suffix(String name) {
        try {
            return Long.parseUnsignedLong(name.substring(name.lastIndexOf('-') + 1), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        readers.shutdown();
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close(); // a write still under way after the wait is not kept
    }
}
