package dev.forecourt.edge.observe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes log lines on a thread of its own, so an event loop never waits on a disk or a terminal. The queue is
 * bounded: when it is full, lines are dropped and counted rather than slowing traffic. An event loop never wakes the
 * writer either (a lock and a futex per line, measured at a tenth of an API route's CPU): the writer takes whatever
 * has queued every few milliseconds and writes it at once.
 */
final class LogWriter implements AutoCloseable {
    static final int MAX_QUEUED = 65_536;
    /** How long the writer rests when it found nothing: how late a line may reach its file at most, roughly. */
    private static final long REST_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final Thread thread;
    private volatile boolean running = true;

    LogWriter(String path) throws IOException {
        this.out = "stdout".equals(path)
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.thread = Thread.ofPlatform().daemon().name("forecourt-access-log").start(this::run);
    }

    void write(String line) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(line);
    }

    long dropped() {
        return dropped.get();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            int written = 0;
            try {
                for (String line; (line = queue.poll()) != null; written++) {
                    queued.decrementAndGet();
                    out.write(line);
                    out.write('\n');
                }
                if (written > 0) {
                    out.flush();
                }
            } catch (IOException e) {
                dropped.addAndGet(written); // at most: some of them may have reached the file before it failed
            }
            if (written == 0 && running) {
                LockSupport.parkNanos(REST_NANOS);
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
