package dev.forecourt.edge.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entries kept as files in one directory, within a byte budget, across restarts: what the CDN cache's disk tier and
 * the IIIF derivative cache share, while each keeps its own names and file format ({@link EntryFiles}).
 * <ul>
 *   <li>An entry is written to a temporary file and renamed over its name, so a name always holds a whole entry (the
 *       old one or the new one); of concurrent writers of one name the last rename wins, and the index counts it.
 *       Temporary files a crash left are deleted at open. Nothing is fsynced: the users check their files' sums.</li>
 *   <li>The index (size, last use, the user's {@code M}) is built from the directory at open; at most
 *       {@link #MAX_ENTRIES} entries (by default), so its memory is bounded however small the entries are.</li>
 *   <li>A write that takes the store over its budget or entry count evicts the least recently used entries; a budget
 *       lowered at run time is so kept from the next write on.</li>
 * </ul>
 * One store per directory: two would count and evict the same files each without the other.
 */
public final class DiskStore<M> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskStore.class);
    /** Entries the index holds by default: about 200 bytes of heap each (name, size, links), and the user's {@code M}. */
    public static final int MAX_ENTRIES = 1 << 20;
    private static final String TEMPORARY = ".tmp";

    private final String label;
    private final Path dir;
    private final int maxEntries;
    private final EntryFiles<M> files;
    private volatile long budget;
    private final Object lock = new Object();
    private final LruIndex<M> index = new LruIndex<>(); // guarded by lock
    private boolean closed;                             // guarded by lock

    private DiskStore(String label, Path dir, long budget, int maxEntries, EntryFiles<M> files) {
        this.label = label;
        this.dir = dir;
        this.budget = budget;
        this.maxEntries = maxEntries;
        this.files = files;
    }

    /** Opens (making it if need be) the store in {@code dir}; {@code label} names it in logs ("cache"). */
    public static <M> DiskStore<M> open(String label, Path dir, long budget, EntryFiles<M> files) throws IOException {
        return open(label, dir, budget, MAX_ENTRIES, files);
    }

    /** As {@link #open(String, Path, long, EntryFiles)}, with at most {@code maxEntries} entries. */
    public static <M> DiskStore<M> open(String label, Path dir, long budget, int maxEntries, EntryFiles<M> files)
            throws IOException {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " < 1");
        }
        Files.createDirectories(dir);
        DiskStore<M> store = new DiskStore<>(label, dir, budget, maxEntries, Objects.requireNonNull(files));
        for (DirectoryScan.Found<M> f : DirectoryScan.scan(label, dir, files, maxEntries)) {
            store.index.put(f.name(), f.bytes(), f.meta());
        }
        return store;
    }

    public Path dir() {
        return dir;
    }

    /** A new budget, kept from the next write on (which evicts what exceeds it). */
    public void budget(long bytes) {
        this.budget = bytes;
    }

    public long budget() {
        return budget;
    }

    /** The bytes of the entries indexed. */
    public long bytes() {
        synchronized (lock) {
            return index.bytes();
        }
    }

    public int entries() {
        synchronized (lock) {
            return index.size();
        }
    }

    /**
     * The file of entry {@code name}, now its most recently used, or null if there is none. The file may be evicted
     * or replaced while it is read: a reader that opens it then reads the whole entry it opened, or finds none.
     */
    public Path use(String name) {
        synchronized (lock) {
            return closed || index.use(name) == null ? null : dir.resolve(name);
        }
    }

    /**
     * Writes entry {@code name} (replacing one of that name), then evicts what exceeds the budget; returns what the
     * index keeps of it, or null if it was not kept: larger than the whole budget, or the store is closed. If the
     * writer fails, nothing changes (its temporary file is deleted) and its exception is thrown.
     */
    public M put(String name, EntryWriter<M> writer) throws IOException {
        Path temp = dir.resolve(checked(name) + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + TEMPORARY);
        M meta;
        long size;
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            meta = Objects.requireNonNull(writer.write(ch), "an entry's meta");
            size = ch.size();
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
        List<LruIndex.Entry<M>> evicted;
        synchronized (lock) { // the rename and the index change together: an eviction never deletes a newer file
            if (closed || size > budget) {
                deleteQuietly(temp);
                return null;
            }
            try {
                Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                deleteQuietly(temp);
                throw e;
            }
            index.put(name, size, meta);
            evicted = index.over(budget, maxEntries, name);
            for (LruIndex.Entry<M> e : evicted) {
                deleteQuietly(dir.resolve(e.name()));
                files.evicted(e.name(), e.meta());
            }
        }
        return meta;
    }

    /** Removes entry {@code name} and deletes its file; false if there was none. */
    public boolean remove(String name) {
        synchronized (lock) {
            if (index.remove(name) == null) {
                return false;
            }
            deleteQuietly(dir.resolve(name));
            return true;
        }
    }

    /** Each entry, least recently used first, as it was when called ({@code each} may call the store). */
    public void forEach(BiConsumer<String, M> each) {
        List<Map.Entry<String, M>> all = new ArrayList<>();
        synchronized (lock) {
            index.forEach((name, meta) -> all.add(Map.entry(name, meta)));
        }
        all.forEach(e -> each.accept(e.getKey(), e.getValue()));
    }

    /** Forgets the index (the files stay for the next open); writes from now on are not kept. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            index.clear();
        }
    }

    @Override
    public String toString() {
        return label + " store in " + dir;
    }

    private static String checked(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || isTemporary(name)) {
            throw new IllegalArgumentException("'" + name + "' is not an entry name (a plain file name, not *"
                    + TEMPORARY + ")");
        }
        return name;
    }

    static boolean isTemporary(String name) {
        return name.endsWith(TEMPORARY);
    }

    /** The entry a temporary file {@code NAME.HEX.tmp} was being written for ({@code ""} if it is no such name). */
    static String entryOfTemporary(String name) {
        String stem = name.substring(0, name.length() - TEMPORARY.length());
        int dot = stem.lastIndexOf('.');
        return dot <= 0 ? "" : stem.substring(0, dot);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the index no longer counts it; a leftover file is found (and counted) again at the next open
            LOG.debug("could not delete {}: {}", file, e.toString());
        }
    }
}
