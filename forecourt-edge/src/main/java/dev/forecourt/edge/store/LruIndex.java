package dev.forecourt.edge.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The store's entries in memory, least recently used first: each one's name, size and what its user keeps of it,
 * and their total size. Bookkeeping only (no file is touched here); not thread-safe: the store holds its lock.
 */
final class LruIndex<M> {
    record Entry<M>(String name, long bytes, M meta) {}

    /** In access order: a get moves an entry last. */
    private final LinkedHashMap<String, Entry<M>> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    /** The entry, now the most recently used; or null. */
    Entry<M> use(String name) {
        return entries.get(name);
    }

    /** Adds an entry as the most recently used; returns the one it replaces, or null. */
    Entry<M> put(String name, long size, M meta) {
        Entry<M> old = entries.remove(name); // removed first, so that the new one goes last
        entries.put(name, new Entry<>(name, size, meta));
        bytes += size - (old == null ? 0 : old.bytes());
        return old;
    }

    Entry<M> remove(String name) {
        Entry<M> old = entries.remove(name);
        if (old != null) {
            bytes -= old.bytes();
        }
        return old;
    }

    /**
     * Takes out the least recently used entries, never {@code keep}, until at most {@code budget} bytes and
     * {@code maxEntries} entries remain (or only {@code keep} does); returns them.
     */
    List<Entry<M>> over(long budget, int maxEntries, String keep) {
        List<Entry<M>> out = new ArrayList<>();
        Iterator<Entry<M>> it = entries.values().iterator();
        while ((bytes > budget || entries.size() > maxEntries) && it.hasNext()) {
            Entry<M> e = it.next();
            if (e.name().equals(keep)) {
                continue;
            }
            it.remove();
            bytes -= e.bytes();
            out.add(e);
        }
        return out;
    }

    /** Least recently used first, without counting as a use. */
    void forEach(BiConsumer<String, M> each) {
        entries.values().forEach(e -> each.accept(e.name(), e.meta()));
    }

    long bytes() {
        return bytes;
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
        bytes = 0;
    }
}
