package dev.forecourt.iiif;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.forecourt.iiif.imaging.ImagingEngine;
import dev.forecourt.iiif.imaging.SourceInfo;
import dev.forecourt.iiif.imaging.TiffTiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Source headers, read once per file version: an entry is reused while the file's size and modification time
 * are unchanged (one {@code stat} per request); a changed file is read again and the engine told to forget it.
 */
final class Sources {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sources.class);
    /** A source file as it is now: its identity on disk and what its header says. */
    record Source(Path file, long size, long modifiedMillis, SourceInfo info) {
        /** Changes whenever the file does: part of every ETag. */
        String version() {
            return size + "-" + modifiedMillis;
        }
    }

    private final ImagingEngine engine;
    private final Cache<Path, Source> cache = Caffeine.newBuilder().maximumSize(10_000).build();

    Sources(ImagingEngine engine) {
        this.engine = engine;
    }

    private static boolean tiff(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".tif") || name.endsWith(".tiff");
    }

    Source get(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        long modified = a.lastModifiedTime().toMillis();
        Source s = cache.getIfPresent(file);
        if (s != null && s.size() == a.size() && s.modifiedMillis() == modified) {
            return s;
        }
        if (s != null) {
            engine.forget();
        }
        SourceInfo info = engine.inspect(file);
        if (info.levels().size() > 1 && tiff(file)) {
            try {
                info = info.withTiles(TiffTiles.read(file));
            } catch (IOException e) { // the index is a shortcut: an image libvips reads is served without it
                LOG.warn("{}: its stored tiles can't be indexed ({}); its tiles are rendered", file.getFileName(), e.getMessage());
            }
        }
        Source fresh = new Source(file, a.size(), modified, info);
        cache.put(file, fresh);
        return fresh;
    }
}
