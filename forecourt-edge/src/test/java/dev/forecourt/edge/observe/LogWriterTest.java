package dev.forecourt.edge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The log writer: lines from several threads all reach the file, each producer's in its order, soon and at close; lines
 * it loses (a write that fails, a queue that is full) are counted and said on the console.
 */
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

    @Test
    void aLogThatCannotBeWrittenSaysSoOnceAndCountsTheLinesLost() throws Exception {
        ListAppender<ILoggingEvent> said = listen();
        try (LogWriter w = new LogWriter("/dev/full")) { // every write: ENOSPC
            for (int i = 0; i < 10; i++) w.write("line " + i);
            awaitDropped(w, 10);
            for (int i = 0; i < 10; i++) w.write("more " + i);
            awaitDropped(w, 20);
        } finally {
            quiet(said);
        }
        assertThat(said.list).filteredOn(e -> e.getFormattedMessage().contains("/dev/full"))
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("writing failed", "No space left"));
    }

    @Test
    void linesCountedAsLostNeverReachTheFileWhenWritingWorksAgain() throws Exception {
        // a BufferedOutputStream kept a failed write's bytes and wrote them with the next lines: the lines said lost
        // were in the file after all, and the count overstated
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.io.OutputStream disk = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
                if (full.get()) throw new java.io.IOException("No space left on device");
                file.write(b, off, len);
            }
        };
        ListAppender<ILoggingEvent> said = listen();
        Logger logger = (Logger) LoggerFactory.getLogger(LogWriter.class);
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // "writing again" is info; the tests' console says warnings
        try (LogWriter w = new LogWriter("disk", disk)) {
            for (int i = 0; i < 5; i++) w.write("lost " + i);
            awaitDropped(w, 5);
            full.set(false);
            w.write("kept");
            for (long until = System.nanoTime() + 5_000_000_000L; file.size() == 0 && System.nanoTime() < until; ) {
                Thread.sleep(5);
            }
            assertThat(w.dropped()).isEqualTo(5);
        } finally {
            logger.setLevel(null);
            quiet(said);
        }
        assertThat(file.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("kept\n");
        assertThat(said.list).filteredOn(e -> e.getFormattedMessage().contains("writing again"))
                .singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("5 lines lost"));
    }

    @Test
    void aWriterThatFallsBehindSaysHowManyLinesItDroppedAndItsCloseClosesTheFile() throws Exception {
        Path fifo = dir.resolve("slow.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CountDownLatch drain = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (InputStream in = new FileInputStream(fifo.toFile())) { // opens once the writer does
                drain.await(); // until then the pipe fills and the writer waits on it
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        ListAppender<ILoggingEvent> said = listen();
        long dropped;
        try (LogWriter w = new LogWriter(fifo.toString())) {
            String line = "x".repeat(100);
            for (int i = 0; i < LogWriter.MAX_QUEUED * 2; i++) w.write(line);
            dropped = w.dropped();
            assertThat(dropped).as("more than the queue and the pipe hold").isGreaterThan(LogWriter.MAX_QUEUED / 2);
            drain.countDown();
            Predicate<ILoggingEvent> report = e -> e.getFormattedMessage().contains("lines dropped");
            for (long until = System.nanoTime() + 5_000_000_000L; said.list.stream().noneMatch(report)
                    && System.nanoTime() < until; ) {
                Thread.sleep(10);
            }
            assertThat(said.list).filteredOn(report).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains(fifo.toString() + ": " + dropped + " lines dropped, its writer falling behind"));
        } finally {
            quiet(said);
        }
        reader.join(5000);
        assertThat(reader.isAlive()).as("the writer's close closed the file: its reader saw the end").isFalse();
    }

    private static void awaitDropped(LogWriter w, long n) throws InterruptedException {
        for (long until = System.nanoTime() + 5_000_000_000L; w.dropped() < n && System.nanoTime() < until; ) {
            Thread.sleep(5);
        }
        assertThat(w.dropped()).isEqualTo(n);
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> said = new ListAppender<>();
        said.start();
        ((Logger) LoggerFactory.getLogger(LogWriter.class)).addAppender(said);
        return said;
    }

    private static void quiet(ListAppender<ILoggingEvent> said) {
        ((Logger) LoggerFactory.getLogger(LogWriter.class)).detachAppender(said);
    }
}
