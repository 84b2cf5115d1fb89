package dev.forecourt.iiif;

import dev.forecourt.edge.store.DiskStore;
import dev.forecourt.edge.store.EntryFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Derivatives on disk, in a {@link DiskStore} (within a byte budget, surviving restarts, the least recently used
 * going first, a write seen whole or not at all). This keeps the names (a hash of the key, {@code .img}; other files
 * in the directory are left alone) and the format: {@code crc32c (4 bytes) + image}; an entry whose checksum does not
 * match is deleted and treated as a miss.
 */
final class DiskDerivatives implements Derivatives {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiskDerivatives.class);
    private static final String SUFFIX = ".img";

    /** The index needs nothing of an image but its size, which the store keeps. */
    private enum Image { STORED }

    private final DiskStore<Image> store;

    DiskDerivatives(Path dir, long budget) throws IOException {
        this.store = DiskStore.open("derivative cache", dir, budget, new EntryFiles<>() {
            @Override
            public Image describe(Path file, long bytes) {
                return Image.STORED; // checked when read: its CRC
            }

            @Override
            public boolean owns(String name) {
                return name.endsWith(SUFFIX);
            }
        });
    }

    @Override
    public byte[] get(String key) {
        String name = name(key);
        Path file = store.use(name);
        if (file == null) {
            return null;
        }
        try {
            byte[] stored = Files.readAllBytes(file);
            if (stored.length >= 4) {
                CRC32C crc = new CRC32C();
                crc.update(stored, 4, stored.length - 4);
                if ((int) crc.getValue() == ByteBuffer.wrap(stored).getInt()) {
                    return java.util.Arrays.copyOfRange(stored, 4, stored.length);
                }
            }
            store.remove(name); // truncated or corrupt: never served
            return null;
        } catch (IOException e) {
            store.remove(name);
            return null;
        }
    }

    @Override
    public void put(String key, byte[] image) {
        if (image.length + 4L > store.budget()) {
            return; // never kept: not worth writing
        }
        CRC32C crc = new CRC32C();
        crc.update(image);
        try {
            store.put(name(key), ch -> {
                ByteBuffer b = ByteBuffer.allocate(4).putInt(0, (int) crc.getValue());
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ByteBuffer body = ByteBuffer.wrap(image);
                while (body.hasRemaining()) {
                    ch.write(body);
                }
                return Image.STORED;
            });
        } catch (IOException e) {
            // the image is made and goes out regardless; only keeping it failed (disk full, permissions)
            LOG.warn("derivative cache: cannot write in {}: {}", store.dir(), e.toString());
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private static String name(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 20) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
