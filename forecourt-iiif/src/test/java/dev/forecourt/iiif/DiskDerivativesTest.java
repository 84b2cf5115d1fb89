package dev.forecourt.iiif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskDerivativesTest {
    @TempDir
    Path dir;

    @Test
    void survivesARestartAndNeverServesACorruptEntry() throws Exception {
        DiskDerivatives d = new DiskDerivatives(dir, 1 << 20);
        d.put("k1", new byte[] {1, 2, 3});
        d.put("k2", new byte[] {4, 5, 6});
        DiskDerivatives again = new DiskDerivatives(dir, 1 << 20);
        assertThat(again.get("k1")).containsExactly(1, 2, 3);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                byte[] b = Files.readAllBytes(p);
                b[b.length - 1] ^= 0x55; // flip bits in every stored image
                Files.write(p, b);
            }
        }
        assertThat(again.get("k2")).isNull();
        assertThat(again.get("k2")).as("removed, still a miss").isNull();
    }

    @Test
    void staysWithinItsBudget() throws Exception {
        DiskDerivatives d = new DiskDerivatives(dir, 10_000);
        for (int i = 0; i < 10; i++) {
            d.put("k" + i, new byte[3000]);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.mapToLong(p -> p.toFile().length()).sum()).isLessThanOrEqualTo(10_000);
        }
        assertThat(d.get("k9")).hasSize(3000);
    }

    @Test
    void aReadEntryIsKeptBeforeOnesNotReadSince() throws Exception {
        DiskDerivatives d = new DiskDerivatives(dir, 3 * 1004);
        for (int i = 0; i < 3; i++) {
            d.put("k" + i, new byte[1000]);
        }
        assertThat(d.get("k0")).hasSize(1000); // now the most recently used
        d.put("k3", new byte[1000]);
        assertThat(d.get("k0")).as("read last: kept").hasSize(1000);
        assertThat(d.get("k1")).as("least recently used: gone").isNull();
    }
}
