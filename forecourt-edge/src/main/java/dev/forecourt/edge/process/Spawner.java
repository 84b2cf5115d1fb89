package dev.forecourt.edge.process;

import dev.forecourt.http.LoopScheduling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts child processes so that none can outlive Forecourt. On Linux each command runs under util-linux's
 * {@code setpriv --pdeathsig KILL}: the kernel kills the child when its parent dies, however it dies (a crash, an
 * OOM kill, {@code kill -9}), with no native code here. The signal is tied to the thread that forked the child, not
 * to the process (prctl(2) PR_SET_PDEATHSIG), so every child is forked by one thread that lives as long as the JVM:
 * one forked by a pooled thread would be killed when that thread retired.
 */
final class Spawner {
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    private static final Path SETPRIV = Executables.find("setpriv", Path.of("."));
    private static final ExecutorService FORKER = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("forecourt-spawner").unstarted(r));

    private Spawner() {}

    /** Why children could outlive this process here, or null when they cannot (Linux with setpriv). */
    static String unguarded() {
        if (!LINUX) {
            return null; // elsewhere there is no parent-death signal: children are stopped on exit, not on a crash
        }
        return SETPRIV == null ? "setpriv (util-linux) is not on the PATH; it makes the kernel kill an instance when"
                + " Forecourt dies, so none is left behind by a crash. Install util-linux" : null;
    }

    /** Starts {@code builder}'s command (guarded on Linux) from the forking thread; waits at most 30 s for the fork. */
    static Process start(ProcessBuilder builder) throws IOException {
        if (LINUX && SETPRIV != null) {
            List<String> guarded = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
            guarded.addAll(builder.command());
            builder.command(guarded);
        }
        try {
            return FORKER.submit(() -> {
                // the forking thread may have been started from an event loop, whose batch policy it then kept: the
                // child inherits the forking thread's, so it takes the process's own first (LoopScheduling)
                LoopScheduling.asTheProcessStarted();
                return builder.start();
            }).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("starting " + builder.command() + " took more than 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + builder.command());
        }
    }
}
