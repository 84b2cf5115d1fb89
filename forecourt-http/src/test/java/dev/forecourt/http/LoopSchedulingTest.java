package dev.forecourt.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the kernel says of an event loop's thread: its policy, from the scheduler's entry in /proc. */
class LoopSchedulingTest {

    @Test
    void theDefaultGroupsLoopsRunUnderSchedBatch() throws Exception {
        assertThat(LoopScheduling.CONFIGURED).isEqualTo(LoopScheduling.BATCH);
        assumeBatchAllowed();
        EventLoopGroup group = Transport.newGroup(2, "scheduling-test");
        try {
            assertThat(policyOfEachLoopEventually(group, "3")).containsOnly("3");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void normalLeavesTheLoopsUnderTheDefaultPolicy() throws Exception {
        assumeBatchAllowed();
        EventLoopGroup normal = new MultiThreadIoEventLoopGroup(1, LoopScheduling.NORMAL.threads("scheduling-normal"),
                NioIoHandler.newFactory());
        EventLoopGroup batch = new MultiThreadIoEventLoopGroup(1, LoopScheduling.BATCH.threads("scheduling-batch"),
                NioIoHandler.newFactory());
        try {
            normal.submit(() -> {}).sync(); // its thread starts first
            // the setter takes loops in the order they started: once the later one is batch, the earlier had its turn
            assertThat(policyOfEachLoopEventually(batch, "3")).containsOnly("3");
            assertThat(policyOfEachLoopEventually(normal, "0")).containsOnly("0");
        } finally {
            normal.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            batch.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aNameThatIsNoPolicyFallsBackToBatch() {
        assertThat(LoopScheduling.parse("Normal")).isEqualTo(LoopScheduling.NORMAL);
        assertThat(LoopScheduling.parse("fifo")).isEqualTo(LoopScheduling.BATCH);
    }

    /**
     * A sandbox may refuse sched_setscheduler (a seccomp filter): then Forecourt's loops keep the process's policy,
     * says so once, and these tests have nothing to see. chrt asks the kernel the same thing.
     */
    private static void assumeBatchAllowed() throws Exception {
        Process chrt;
        try {
            chrt = new ProcessBuilder("chrt", "-b", "0", "true").redirectErrorStream(true).start();
        } catch (java.io.IOException noChrt) {
            return; // no chrt to ask: the tests say what the kernel did
        }
        if (!chrt.waitFor(5, TimeUnit.SECONDS)) {
            chrt.destroyForcibly();
            return; // no answer from chrt: the tests say what the kernel did
        }
        assumeTrue(chrt.exitValue() == 0,
                () -> "this machine refuses SCHED_BATCH: " + new String(readAll(chrt)).trim());
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            return e.toString().getBytes();
        }
    }

    /** Each loop's policy once it is {@code wanted}, or as it is after 5 s. */
    private static List<String> policyOfEachLoopEventually(EventLoopGroup group, String wanted) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> policies;
        do {
            policies = new ArrayList<>();
            for (var loop : group) {
                policies.add(loop.submit(LoopSchedulingTest::policyOfThisThread).get(5, TimeUnit.SECONDS));
            }
            if (policies.stream().allMatch(wanted::equals)) {
                return policies;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < until);
        return policies;
    }

    private static String policyOfThisThread() throws Exception {
        return Files.readAllLines(Path.of("/proc/thread-self/sched")).stream()
                .filter(l -> l.startsWith("policy"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElseThrow();
    }
}
