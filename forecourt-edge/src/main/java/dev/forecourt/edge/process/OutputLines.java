package dev.forecourt.edge.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's stdout or stderr, line by line into Forecourt's log, each prefixed with the instance
 * ({@code web-r1-2: ...}, {@code web-r1-2 (stderr): ...}). A line is cut at {@link #MAX_LINE} bytes, so an app
 * that writes without newlines cannot grow Forecourt's memory.
 */
final class OutputLines {
    static final int MAX_LINE = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(OutputLines.class);

    private OutputLines() {}

    /**
     * Reads {@code in} on a daemon platform thread of its own until the child closes it. Not a virtual thread: a
     * pipe's read blocks its carrier, and a few quiet children held every carrier the process had (every other
     * virtual thread, servers' included, waited for them: seen in the test suite).
     */
    static void pump(InputStream in, String instance, boolean stderr) {
        String prefix = stderr ? instance + " (stderr)" : instance;
        Thread.ofPlatform().daemon().stackSize(256 * 1024).name("output-" + prefix).start(() -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (b == '\n' || line.size() >= MAX_LINE) {
                            emit(prefix, line, b != '\n');
                        }
                        if (b != '\n') {
                            line.write(b);
                        }
                    }
                }
            } catch (IOException e) {
                // the child went away, or its pipe was closed on stop: what was read is still logged below
            }
            if (line.size() > 0) {
                emit(prefix, line, false);
            }
        });
    }

    private static void emit(String prefix, ByteArrayOutputStream line, boolean cut) {
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        log.info("{}: {}{}", prefix, text, cut ? " [line cut at " + MAX_LINE + " bytes]" : "");
        line.reset();
    }
}
