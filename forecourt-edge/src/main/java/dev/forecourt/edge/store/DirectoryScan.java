package dev.forecourt.edge.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a store's directory holds at open: of the files its user {@link EntryFiles#owns owns} (no other is touched),
 * temporary files that a write left behind (a crash, a kill) are deleted; each of the user's entries is described;
 * of those, the {@code maxEntries} most recently used are kept (the older ones deleted, so that the scan itself holds
 * no more than the index may), least recently used first.
 */
final class DirectoryScan {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryScan.class);

    private DirectoryScan() {}

    /** One entry found: its last use is the later of its file's modification and access times. */
    record Found<M>(String name, long bytes, long lastUse, M meta) {}

    static <M> List<Found<M>> scan(String label, Path dir, EntryFiles<M> files, int maxEntries) throws IOException {
        PriorityQueue<Found<M>> kept = new PriorityQueue<>(Comparator.comparingLong(Found<M>::lastUse));
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path f : all) {
                String name = f.getFileName().toString();
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                if (!files.owns(DiskStore.isTemporary(name) ? DiskStore.entryOfTemporary(name) : name)) {
                    continue; // not this user's: left alone, whatever it is
                }
                if (DiskStore.isTemporary(name)) {
                    DiskStore.deleteQuietly(f);
                    continue;
                }
                M meta;
                try {
                    meta = files.describe(f, a.size());
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: {} is not intact ({}); deleted", label, name, e.getMessage());
                    DiskStore.deleteQuietly(f);
                    continue;
                }
                if (meta == null) {
                    continue; // not this user's: left alone
                }
                kept.add(new Found<>(name, a.size(),
                        Math.max(a.lastModifiedTime().toMillis(), a.lastAccessTime().toMillis()), meta));
                if (kept.size() > maxEntries) {
                    DiskStore.deleteQuietly(dir.resolve(kept.poll().name()));
                }
            }
        }
        List<Found<M>> oldestFirst = new ArrayList<>(kept.size());
        while (!kept.isEmpty()) {
            oldestFirst.add(kept.poll());
        }
        return oldestFirst;
    }
}
