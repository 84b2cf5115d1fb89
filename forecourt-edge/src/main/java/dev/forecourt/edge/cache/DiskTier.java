package dev.forecourt.edge.cache;

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
 * Stored responses in files under one directory ({@link CacheFile} each), within a byte budget, kept across
 * restarts. Files are written on one background thread; a file whose checksum or length is wrong is deleted, never
 * served. At start the directory is indexed by reading heads only; the least recently used objects go first when
 * the budget is exceeded.
 */
public final class DiskTier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskTier.class);

    /** What the index knows of one file without reading it. */
    private record Meta(String file, String variant, List<String> varyNames, List<String> varyValues, long bytes,
                        AtomicLong lastUse) {}

    private final Path dir;
    private volatile long budget;
    private final Map<String, List<Meta>> index = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    /** A use clock: each find or write ticks it; the smallest tick is the least recently used. */
    private final AtomicLong clock = new AtomicLong();
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
        this.budget = bytes;
    }

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
                Path file = dir.resolve(m.file);
                CachedResponse r = read(file);
                if (r == null) {
                    drop(url, m);
                    return null;
                }
                m.lastUse.set(clock.incrementAndGet());
                long length = r.body.readableBytes();
                if (length >= IN_FILE_FROM) { // checked whole once; from now on sent from the file itself
                    CachedResponse inFile = r.inFile(new CachedResponse.BodyFile(file, m.bytes - 4 - length, length));
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
        CacheFile.Written w = CacheFile.write(dir, name, url, r, body);
        if (w.size() > budget) { // kept, it would evict every other object and then itself
            Files.deleteIfExists(dir.resolve(name));
            return;
        }
        if (inFile != null && body.readableBytes() >= IN_FILE_FROM) {
            inFile.accept(r.inFile(new CachedResponse.BodyFile(dir.resolve(name), w.bodyOffset(), body.readableBytes())));
        }
        add(url, new Meta(name, r.variant, r.varyNames, r.varyValues, w.size(), new AtomicLong(clock.incrementAndGet())));
        evictOverBudget();
    }

    /** Indexes a file; an older file for the same selection is dropped and deleted. */
    private void add(String url, Meta meta) {
        List<Meta> replaced = new ArrayList<>(1);
        index.compute(url, (k, list) -> {
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
        bytes.addAndGet(meta.bytes);
        for (Meta m : replaced) {
            bytes.addAndGet(-m.bytes);
            try {
                Files.deleteIfExists(dir.resolve(m.file));
            } catch (IOException ignored) {
                // a stray file is re-read (and checked) at the next start
            }
        }
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
        try {
            return CacheFile.read(file);
        } catch (IOException e) {
            LOG.warn("cache: {} is not intact ({}); deleted, not served", file.getFileName(), e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // nothing more to do
            }
            return null;
        }
    }

    private void load() throws IOException {
        try (var files = Files.list(dir)) {
            // oldest first, so that the use clock starts in the order the files were written
            List<Path> all = new ArrayList<>(files.toList());
            all.sort(java.util.Comparator.comparingLong(DiskTier::modified));
            for (Path f : all) {
                String n = f.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    Files.deleteIfExists(f);
                    continue;
                }
                try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(f), 4096)) {
                    CacheFile.Head h = CacheFile.Head.read(in);
                    long size = Files.size(f);
                    if (h.headLength() + h.bodyLength() + 4 != size) {
                        throw new IOException("length mismatch");
                    }
                    names.accumulateAndGet(suffix(n), Math::max);
                    add(h.url(), new Meta(n, h.variant(), h.varyNames(), h.varyValues(), size,
                            new AtomicLong(clock.incrementAndGet())));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cache: {} is not intact ({}); deleted", n, e.getMessage());
                    Files.deleteIfExists(f);
                }
            }
        }
        LOG.info("cache: {} objects, {} bytes on disk in {}", objects(), bytes(), dir);
    }

    /** The counter in a file name ({@code HASH-COUNTER}, in hex), or 0. */
    private static long suffix(String name) {
        try {
            return Long.parseUnsignedLong(name.substring(name.lastIndexOf('-') + 1), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
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
    }
}
