package dev.forecourt.http;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux scheduling policy of the event loops' threads. By default {@code SCHED_BATCH}: a loop that a socket wakes
 * does not preempt the thread running on that core (an app instance, an origin, the other loop); it runs at that
 * thread's next tick or sleep, and takes what arrived meanwhile in one turn. Forecourt shares its machine with what it
 * runs and fronts, and there a loop woken at once for every completion sleeps and wakes about once a request (measured
 * with two loops on two cores beside the load and the origin: 2.9 ring entries and 0.8 context switches a relayed
 * request, CPU per request up to doubled); batched, 0.4 ring entries and a context switch per ten requests. On an idle
 * core nothing changes: a woken loop runs at once. The trade: a new connection each request through a link went 7%
 * slower. {@code normal} leaves the loops under the policy the process started with (by default {@code SCHED_OTHER}).
 *
 * <p>The policy is set from one thread of its own, by thread id, a second after the first loop started: the first
 * foreign call of a JVM costs some 80 ms of CPU (measured), which a start's first answer should neither wait for nor
 * share the machine with (made at once, it took a start's first answer from 398 to 415 ms, medians of 9).
 *
 * <p>Linux hands a thread's policy on to the threads and processes it starts: a thread a loop starts (a virtual
 * thread's carrier, say) runs batched too. What starts child processes (an app instance the platform runs) takes the
 * process's own policy back first, {@link #asTheProcessStarted}, so no instance runs batched for where it was forked.
 */
public enum LoopScheduling {
    BATCH,
    NORMAL;

    private static final int SCHED_OTHER = 0; // <sched.h>
    private static final int SCHED_BATCH = 3;
    private static final int SCHED_IDLE = 5;

    private static final Logger log = LoggerFactory.getLogger(LoopScheduling.class);

    /** The policy the system property {@code forecourt.loopScheduling} names ({@code FORECOURT_LOOP_SCHEDULING}). */
    public static final LoopScheduling CONFIGURED = parse(System.getProperty("forecourt.loopScheduling", "batch"));

    static LoopScheduling parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "batch" -> BATCH;
            case "normal" -> NORMAL;
            default -> {
                log.warn("forecourt.loopScheduling '{}' is neither batch nor normal: the event loops run batch", name);
                yield BATCH;
            }
        };
    }

    /** Daemon threads named {@code name-N-M}, each put under this policy once it runs ({@code NORMAL}: left as is). */
    public ThreadFactory threads(String name) {
        if (this == NORMAL) {
            return new DefaultThreadFactory(name, true);
        }
        return new DefaultThreadFactory(name, true) {
            @Override
            protected Thread newThread(Runnable r, String threadName) {
                return super.newThread(() -> {
                    try {
                        Setter.INSTANCE.enlist();
                    } catch (Throwable noSetter) { // its thread could not start: the loop runs on, unbatched
                        log.info("event loop {} keeps the default scheduling policy: {}", threadName, noSetter.toString());
                    }
                    r.run();
                }, threadName);
            }
        };
    }

    /**
     * Puts the calling thread under the policy the process started with (its main thread's, as the launcher left it),
     * should it have inherited a loop's: called before a child process is forked, which inherits the forking thread's.
     * Does nothing where the policies can't be read or set (not Linux, native access denied).
     */
    public static void asTheProcessStarted() {
        Sched sched = Sched.get();
        if (sched == null) {
            return;
        }
        try {
            int process = (int) sched.getScheduler().invokeExact((int) ProcessHandle.current().pid());
            int mine = (int) sched.getScheduler().invokeExact(0);
            if (process != mine && (process == SCHED_OTHER || process == SCHED_BATCH || process == SCHED_IDLE)) {
                sched.set(0, process); // (a real-time start policy would need its priority too: left alone)
            }
        } catch (Throwable e) {
            log.debug("could not restore the process's scheduling policy on {}: {}", Thread.currentThread().getName(),
                    e.toString());
        }
    }

    /** sched_getscheduler and sched_setscheduler by the FFM API: null where they can't be linked. */
    private record Sched(MethodHandle getScheduler, MethodHandle setScheduler) {
        private static volatile Sched linked;
        private static volatile boolean unlinkable;

        static Sched get() {
            Sched s = linked;
            if (s != null || unlinkable) {
                return s;
            }
            synchronized (Sched.class) {
                if (linked == null && !unlinkable) {
                    try {
                        Linker linker = Linker.nativeLinker();
                        linked = new Sched(
                                linker.downcallHandle(linker.defaultLookup().find("sched_getscheduler").orElseThrow(),
                                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)),
                                linker.downcallHandle(linker.defaultLookup().find("sched_setscheduler").orElseThrow(),
                                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS)));
                    } catch (Throwable noForeignCalls) { // native access denied, no such symbol, not Linux
                        unlinkable = true;
                        log.info("event loops keep the default scheduling policy: {}", noForeignCalls.toString());
                    }
                }
                return linked;
            }
        }

        /** sched_setscheduler(tid, policy, {0}): its return code (0: done). */
        int set(int tid, int policy) throws Throwable {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment param = arena.allocate(ValueLayout.JAVA_INT); // sched_priority 0
                return (int) setScheduler().invokeExact(tid, policy, param);
            }
        }
    }

    /** One thread that puts each enlisted loop under SCHED_BATCH, the foreign call made ready on its first. */
    private static final class Setter {
        static final Setter INSTANCE = new Setter();

        /** A loop's thread: its id, and its name as the kernel keeps it (15 bytes), to know it is still the same. */
        private record Enlisted(int tid, String comm) {
            boolean gone() { // ended since (a group shut down within the delay), its id free for another thread
                try {
                    return !Files.readString(Path.of("/proc/self/task/" + tid + "/comm")).strip().equals(comm);
                } catch (IOException noSuchThread) {
                    return true;
                }
            }
        }

        private static final long FIRST_CALL_DELAY_MS = 1000;

        private final LinkedBlockingQueue<Enlisted> queue = new LinkedBlockingQueue<>();

        private Setter() {
            Thread t = new Thread(this::run, "forecourt-loop-scheduling");
            t.setDaemon(true);
            t.start();
        }

        /** Called on the loop's own thread: its id is the one link read away. */
        void enlist() {
            try {
                String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString(); // "PID/task/TID"
                String name = Thread.currentThread().getName();
                queue.add(new Enlisted(Integer.parseInt(self.substring(self.lastIndexOf('/') + 1)),
                        name.substring(0, Math.min(15, name.length()))));
            } catch (Exception notLinux) {
                log.debug("event loop {} keeps the default scheduling policy: no /proc/thread-self ({})",
                        Thread.currentThread().getName(), notLinux.toString());
            }
        }

        private void run() {
            boolean first = true;
            boolean unavailable = false;
            for (;;) {
                Enlisted e;
                try {
                    e = queue.take();
                } catch (InterruptedException stop) {
                    return;
                }
                if (unavailable || e.gone()) {
                    continue;
                }
                if (first) {
                    first = false;
                    try {
                        Thread.sleep(FIRST_CALL_DELAY_MS);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
                Sched sched = Sched.get(); // null: unlinkable, said there
                try {
                    if (sched == null || sched.set(e.tid(), SCHED_BATCH) != 0 && !e.gone()) {
                        unavailable = true; // a sandbox that forbids it, for this thread and the next
                        if (sched != null) {
                            log.info("event loops keep the default scheduling policy: sched_setscheduler refused");
                        }
                    }
                } catch (Throwable failed) {
                    unavailable = true;
                    log.info("event loops keep the default scheduling policy: {}", failed.toString());
                }
            }
        }
    }
}
