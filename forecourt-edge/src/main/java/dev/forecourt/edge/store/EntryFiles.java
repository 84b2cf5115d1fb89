package dev.forecourt.edge.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a user of a {@link DiskStore} knows of its own files: which ones in the directory are its entries and what
 * the index keeps of each (its key, the place of a body in the file, ...), so that the store never needs to know a
 * file format.
 *
 * @param <M> what the index keeps of one entry besides its size; never null
 */
public interface EntryFiles<M> {
    /**
     * Called at open for each file found: what the index keeps of it; null if it is not one of this user's entries
     * (it is left alone and not counted); an IOException if it is one but not intact (it is deleted).
     */
    M describe(Path file, long bytes) throws IOException;

    /**
     * Whether a file of this name can be one of this user's entries. The store touches no other file in its directory
     * (not even a {@code NAME.HEX.tmp} whose NAME is not one of these): the directory may be one the user shares with
     * others, and a cache must never delete what it did not write.
     */
    boolean owns(String name);

    /**
     * The store let an entry go to keep within its budget (its file is deleted). Called with the store's lock held,
     * so it must not call the store back; it is not called for entries the user removes or replaces itself.
     */
    default void evicted(String name, M meta) {}
}
