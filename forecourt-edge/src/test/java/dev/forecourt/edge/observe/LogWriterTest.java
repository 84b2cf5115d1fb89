package dev.forecourt.edge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log writer: lines from several threads all reach the file, each producer's in its order, soon and at close. */
class LogWriterTest {
    @TempDir Path dir;

    @Test
    void linesFromSeveralThreadsAllArriveInTheirOrderAndSoon() throws Exception {
        Path file = dir.resolve("access.log");
        try (LogWriter w = new LogWriter(file.toString())) {
            Thread a = Thread.ofPlatform().start(() -> { for (int i = 0; i < 20_000; i++) w.write("a " + i); });
            Thread b = Thread.ofPlatform().start(() -> { for (int i = 0; i < 20_000; i++) w.write("b " + i); });
            a.join();
            b.join();
            List<String> lines = List.of();
            for (long until = System.currentTimeMillis() + 5000; System.currentTimeMillis() < until; Thread.sleep(20)) {
                lines = Files.readAllLines(file);
                if (lines.size() == 40_000) break;
            }
            assertThat(lines).as("written without close, within moments").hasSize(40_000);
            assertThat(lines.stream().filter(l -> l.startsWith("a ")).map(l -> Integer.parseInt(l.substring(2))))
                    .isSorted().hasSize(20_000);
            assertThat(w.dropped()).isZero();
            w.write("last");
        }
        assertThat(Files.readAllLines(file)).as("close writes what is queued").hasSize(40_001).last().isEqualTo("last");
    }

    @Test
    void aLineAfterQuietWakesTheRestingWriterAtOnce() throws Exception {
        Path file = dir.resolve("quiet.log");
        try (LogWriter w = new LogWriter(file.toString())) {
            Thread.sleep(300); // found nothing: resting, for up to a second
            long start = System.nanoTime();
            w.write("after quiet");
            while (!Files.exists(file) || Files.readAllLines(file).isEmpty()) {
                assertThat(System.nanoTime() - start).as("written well before the idle rest ends").isLessThan(500_000_000L);
                Thread.sleep(5);
            }
            assertThat(Files.readAllLines(file)).containsExactly("after quiet");
        }
    }
}
