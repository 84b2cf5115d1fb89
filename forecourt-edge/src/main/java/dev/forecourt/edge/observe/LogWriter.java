package dev.forecourt.edge.observe;

import io.netty.util.internal.PlatformDependent;
import java.io.BufferedOutputStream;
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

/**
 * Writes log lines on a thread of its own, so an event loop never waits on a disk or a terminal. The queue is
 * bounded: when it is full, lines are dropped and counted rather than slowing traffic. Under traffic an event loop
 * never wakes the writer (a lock and a futex per line, measured at a tenth of an API route's CPU): the writer takes
 * whatever has queued every few milliseconds and writes it at once. Only a writer that found nothing rests for long,
 * and the first line after it is the one that wakes it: an idle log costs no wake-ups.
 */
final class LogWriter implements AutoCloseable {
    static final int MAX_QUEUED = 65_536;
    /** Between batches under traffic: how late a line may reach its file, roughly. */
    private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long an idle writer sleeps before looking anyway (a wake-up is never missed; this only bounds a race). */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Netty's bounded many-producers queue: no allocation per line, and full is a refused offer. */
    private final Queue<String> queue = PlatformDependent.newFixedMpscQueue(MAX_QUEUED);
    private final AtomicLong dropped = new AtomicLong();
    /**
     * Bytes, not a Writer: a line is ASCII but for what a client sent, and String.getBytes turns such a string into
     * bytes in one copy, where a Writer widened it to chars and ran a charset encoder over them (the writer thread:
     * ~1.0 -> 0.9 us a request on an API route, measured; the rest is the write itself).
     */
    private final OutputStream out;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean resting; // the writer found nothing and sleeps until a line comes

    LogWriter(String path) throws IOException {
        this.out = new BufferedOutputStream("stdout".equals(path) ? System.out
                : Files.newOutputStream(Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16);
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
            try {
                for (String line; (line = queue.poll()) != null; ) {
                    taken++;
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
                if (taken > 0) {
                    out.flush();
                }
            } catch (IOException e) {
                dropped.addAndGet(taken); // at most: some of this batch may have reached the file before it failed
            }
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

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
            out.flush();
        } catch (InterruptedException | IOException ignored) {
            // shutting down
        }
    }
}
