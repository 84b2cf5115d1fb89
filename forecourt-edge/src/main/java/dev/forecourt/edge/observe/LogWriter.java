package dev.forecourt.edge.observe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes log lines on a thread of its own, so an event loop never waits on a disk or a terminal. The queue is
 * bounded: when it is full, lines are dropped and counted rather than slowing traffic.
 */
final class LogWriter implements AutoCloseable {
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(65_536);
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
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void run() {
        List<String> batch = new ArrayList<>(256);
        while (running || !queue.isEmpty()) {
            try {
                String first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 255);
                for (String line : batch) {
                    out.write(line);
                    out.write('\n');
                }
                batch.clear();
                out.flush();
            } catch (InterruptedException e) {
                running = false;
            } catch (IOException e) {
                dropped.addAndGet(batch.size());
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
            out.flush();
        } catch (InterruptedException | IOException ignored) {
            // shutting down
        }
    }
}
