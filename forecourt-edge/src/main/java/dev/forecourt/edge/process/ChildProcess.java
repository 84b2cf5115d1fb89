package dev.forecourt.edge.process;

import dev.forecourt.edge.config.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running instance process: started with {@code PORT} in its environment, its output in the log, stopped as
 * App Runner stops a container (SIGTERM, then SIGKILL when it has not exited within its grace time).
 */
final class ChildProcess {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChildProcess.class);
    private final Process process;
    private final String name;

    private ChildProcess(Process process, String name) {
        this.process = process;
        this.name = name;
    }

    /** Starts {@code run}'s command as instance {@code name}, listening on {@code port}. */
    static ChildProcess start(String name, RunConfig run, Path dir, int port) throws IOException {
        ProcessBuilder b = new ProcessBuilder(run.command()).directory(dir.toFile());
        b.environment().putAll(run.env());
        b.environment().put("PORT", Integer.toString(port));
        b.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = Spawner.start(b);
        OutputLines.pump(p.getInputStream(), name, false);
        OutputLines.pump(p.getErrorStream(), name, true);
        return new ChildProcess(p, name);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Completes with the exit status when the process ends, on the JDK's process reaper thread. */
    CompletableFuture<Process> exited() {
        return process.onExit();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** How it ended, for the log: {@code exit 3}, {@code killed by signal 9}. */
    String status() {
        int code = process.exitValue();
        return code > 128 ? "killed by signal " + (code - 128) : "exit " + code;
    }

    /**
     * SIGTERM, then SIGKILL after {@code grace}; its own children (a shell's) are killed with it. Blocks until the
     * process is gone (run it on a thread of its own, never an event loop).
     */
    void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("instance {} did not exit within {} of SIGTERM: SIGKILL", name, Durations.text(grace));
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
