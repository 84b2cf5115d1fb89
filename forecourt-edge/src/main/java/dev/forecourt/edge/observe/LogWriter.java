package dev.forecourt.edge.observe;

import io.netty.util.internal.PlatformDependent;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes log lines on a thread of its own, so an event loop never waits on a disk or a terminal. The queue is
 * bounded: when it is full, lines are dropped and counted rather than slowing traffic. Under traffic an event loop
 * never wakes the writer (a lock and a futex per line, measured at a tenth of an API route's CPU): the writer takes
 * whatever has queued every few milliseconds and writes it at once. Only a writer that found nothing rests for long,
 * and the first line after it is the one that wakes it: an idle log costs no wake-ups.
 *
 * <p>Lines lost are said on the console from the writer's thread, never the event loop's: a write that fails (a full
 * disk, a removed mount) once as it starts failing and once as writing works again, with the count lost in between;
 * a full queue (the writer falls behind) at most once a {@link #REPORT_NANOS period}, with the count since the last.
 */
final class LogWriter implements AutoCloseable {
    static final int MAX_QUEUED = 65_536;
    /** The bytes a batch of lines gathers before it is written: one write(2) under load, as a 64 KiB buffer did. */
    private static final int WRITE_AT = 1 << 16;
    /** Between batches under traffic: how late a line may reach its file, roughly. */
    private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long an idle writer sleeps before looking anyway (a wake-up is never missed; this only bounds a race). */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Netty's bounded many-producers queue: no allocation per line, and full is a refused offer. */
    private final Queue<String> queue = PlatformDependent.newFixedMpscQueue(MAX_QUEUED);
    private final AtomicLong dropped = new AtomicLong();
    /** At most one line a minute on lines a full queue dropped. */
    static final long REPORT_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(LogWriter.class);
    private final String path;
    // the writer thread's own: lines lost to failed writes, and what has been said
    private long failedTotal;
    private long failingSince = -1;   // failedTotal when writing started failing; -1: writing works
    private long queueDropsReported;  // lines a full queue dropped, as of the last report
    private long reportedAt = System.nanoTime() - REPORT_NANOS;
    /**
     * Bytes, not a Writer: a line is ASCII but for what a client sent, and String.getBytes turns such a string into
     * bytes in one copy, where a Writer widened it to chars and ran a charset encoder over them (the writer thread:
     * ~1.0 -> 0.9 us a request on an API route, measured; the rest is the write itself).
     */
    private final OutputStream out;
    /**
     * The lines taken and not yet written, up to {@link #WRITE_AT} bytes and then one write: a write that fails loses
     * just these, counted. A BufferedOutputStream kept the bytes of a failed write and wrote them once writing worked
     * again, so that lines counted and said as lost reached the file after all.
     */
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(WRITE_AT + 1024);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean resting; // the writer found nothing and sleeps until a line comes

    /**
     * The process's standard output as the file it is: System.out is a PrintStream, which swallows a failed write, so
     * that through it lines lost to a full disk or a closed pipe were neither counted nor said. Shared by every log on
     * stdout.
     */
    private static final OutputStream STDOUT = new FileOutputStream(FileDescriptor.out);

    LogWriter(String path) throws IOException {
        this(path, "stdout".equals(path) ? STDOUT
                : Files.newOutputStream(Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** {@code path}: what the console reports name it; {@code out}: where the lines go (closed with this, but stdout). */
    LogWriter(String path, OutputStream out) {
        this.path = path;
        this.out = out;
        this.thread = Thread.ofPlatform().daemon().name("forecourt-access-log").start(this::run);
    }

    void write(String line) {
        if (!running || !queue.offer(line)) { // closed: nothing would write it (counted, not queued for no one)
            dropped.incrementAndGet();
            return;
        }
        if (resting) {
            resting = false;
            LockSupport.unpark(thread);
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            int taken = 0;
            int unwritten = 0; // lines in the batch
            try {
                for (String line; (line = queue.poll()) != null; ) {
                    taken++;
                    unwritten++;
                    batch.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                    batch.write('\n');
                    if (batch.size() >= WRITE_AT) {
                        writeBatch();
                        unwritten = 0;
                    }
                }
                if (unwritten > 0) {
                    writeBatch();
                    unwritten = 0;
                }
                if (taken > 0 && failingSince >= 0) {
                    log.info("log {}: writing again, {} lines lost while it failed", path, failedTotal - failingSince);
                    failingSince = -1;
                }
            } catch (IOException e) {
                dropped.addAndGet(unwritten); // at most: a write may have put part of the batch in the file as it failed
                if (failingSince < 0 && running) { // (after close: the stream closed under a write that hung)
                    log.warn("log {}: writing failed ({}); its lines are lost until it works again", path, e.toString());
                    failingSince = failedTotal;
                }
                failedTotal += unwritten;
            }
            reportQueueDrops();
            if (!running) {
                continue;
            }
            if (taken > 0) {
                LockSupport.parkNanos(BATCH_NANOS);
            } else {
                resting = true;
                if (queue.isEmpty()) { // a line offered before the flag was seen is taken now, not after the rest
                    LockSupport.parkNanos(IDLE_NANOS);
                }
                resting = false;
            }
        }
    }

    /**
     * One write of the batch, which is empty after it whether or not it worked; under the stream's lock, as the logs on
     * stdout share it (one write(2) of whole lines each, never two batches' bytes mixed).
     */
    private void writeBatch() throws IOException {
        try {
            synchronized (out) {
                batch.writeTo(out);
            }
        } finally {
            batch.reset();
        }
    }

    /** Lines a full queue dropped since the last report (those of failed writes are said apart), once a period. */
    private void reportQueueDrops() {
        long now = System.nanoTime();
        if (now - reportedAt < REPORT_NANOS && running) { // the last, as the writer ends, whenever it comes
            return;
        }
        long queueDrops = dropped.get() - failedTotal;
        if (queueDrops > queueDropsReported) {
            log.warn("log {}: {} lines dropped, its writer falling behind (a queue of {} lines was full)", path,
                    queueDrops - queueDropsReported, MAX_QUEUED);
            queueDropsReported = queueDrops;
            reportedAt = now;
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            interrupted = true; // the file is closed all the same: what the writer still had fails, counted
        }
        try {
            if (out != STDOUT) { // the process's, not this log's to close
                out.close(); // its file: a reload that drops a log would otherwise keep it open
            }
        } catch (IOException ignored) {
            // shutting down
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
