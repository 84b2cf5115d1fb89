package dev.forecourt.edge.store;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Writes one entry's bytes into the store's temporary file (the store renames it into place once this returns, so
 * nobody ever reads it half written) and says what the index keeps of it.
 *
 * @param <M> what the index keeps of one entry besides its size; never null
 */
@FunctionalInterface
public interface EntryWriter<M> {
    M write(FileChannel file) throws IOException;
}
