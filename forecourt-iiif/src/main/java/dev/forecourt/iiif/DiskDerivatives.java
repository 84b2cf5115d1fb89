package dev.forecourt.iiif;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Derivatives on disk, within a byte budget, surviving restarts. Each file is {@code crc32c (4 bytes) + image},
 * written to a temporary name and moved into place, so a reader sees a whole entry or none; an entry whose
 * checksum does not match is deleted and treated as a miss. The least recently used entries go first.
 */
final class DiskDerivatives implements Derivatives {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiskDerivatives.class);
    private final Path dir;
    private final long budget;
    private final LinkedHashMap<String, Long> sizes = new LinkedHashMap<>(256, 0.75f, true);
    private long total;

    DiskDerivatives(Path dir, long budget) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.budget = budget;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                } else if (name.endsWith(".img")) {
                    long size = Files.size(p);
                    sizes.put(name, size);
                    total += size;
                }
            }
        }
    }

    @Override
    public byte[] get(String key) {
        String name = name(key);
        synchronized (this) {
            if (sizes.get(name) == null) { // get, not containsKey: a read is a use (the map is in access order)
                return null;
            }
        }
        try {
            byte[] stored = Files.readAllBytes(dir.resolve(name));
            if (stored.length >= 4) {
                CRC32C crc = new CRC32C();
                crc.update(stored, 4, stored.length - 4);
                if ((int) crc.getValue() == ByteBuffer.wrap(stored).getInt()) {
                    return java.util.Arrays.copyOfRange(stored, 4, stored.length);
                }
            }
            remove(name); // truncated or corrupt: never served
            return null;
        } catch (IOException e) {
            remove(name);
            return null;
        }
    }

    @Override
    public void put(String key, byte[] image) {
        String name = name(key);
        long size = image.length + 4L;
        if (size > budget) {
            return;
        }
        CRC32C crc = new CRC32C();
        crc.update(image);
        ByteBuffer b = ByteBuffer.allocate((int) size).putInt((int) crc.getValue()).put(image);
        try {
            Path tmp = Files.createTempFile(dir, "d", ".tmp");
            Files.write(tmp, b.array());
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the image is made and goes out regardless; only keeping it failed (disk full, permissions)
            LOG.warn("derivative cache: cannot write in {}: {}", dir, e.toString());
            return;
        }
        synchronized (this) {
            Long old = sizes.put(name, size);
            total += size - (old == null ? 0 : old);
            Iterator<Map.Entry<String, Long>> it = sizes.entrySet().iterator();
            while (total > budget && it.hasNext()) {
                Map.Entry<String, Long> e = it.next();
                if (e.getKey().equals(name)) {
                    continue;
                }
                total -= e.getValue();
                it.remove();
                try {
                    Files.deleteIfExists(dir.resolve(e.getKey()));
                } catch (IOException ignored) {
                    // counted as gone; a leftover file is found and counted again at the next start
                }
            }
        }
    }

    private void remove(String name) {
        synchronized (this) {
            Long size = sizes.remove(name);
            if (size != null) {
                total -= size;
            }
        }
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException ignored) {
            // already reported as a miss
        }
    }

    private static String name(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 20) + ".img";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
