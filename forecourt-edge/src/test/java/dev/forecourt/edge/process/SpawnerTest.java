package dev.forecourt.edge.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The children Forecourt starts, as the kernel sees them. */
class SpawnerTest {

    @Test
    void aChildRunsUnderTheProcesssPolicyEvenWhenItsForkingThreadWasBatched() throws Exception {
        // Linux hands the forking thread's policy to the child: a forker started from an event loop (SCHED_BATCH) made
        // every app instance after it batched, the very thing the loops' policy is not to do to them
        assertThat(Spawner.start(new ProcessBuilder("true")).waitFor(10, TimeUnit.SECONDS)).isTrue(); // the forker runs
        String forker = forkerThread();
        Process chrt = new ProcessBuilder("chrt", "-b", "-p", "0", forker).redirectErrorStream(true).start();
        assumeTrue(chrt.waitFor(5, TimeUnit.SECONDS) && chrt.exitValue() == 0, "this machine refuses SCHED_BATCH");
        assertThat(policy(Files.readString(Path.of("/proc/self/task/" + forker + "/stat")))).as("the forker, batched")
                .isEqualTo("3");
        Process child = Spawner.start(new ProcessBuilder("cat", "/proc/self/stat"));
        String stat = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(policy(stat)).as("the child's policy: the process's own (its main thread's)")
                .isEqualTo(policy(Files.readString(Path.of("/proc/self/stat")))).isNotEqualTo("3");
    }

    /** The id of the thread that forks every child. */
    private static String forkerThread() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).strip().equals("forecourt-spawn"); // 15 bytes kept
                } catch (IOException gone) {
                    return false;
                }
            }).map(t -> t.getFileName().toString()).findFirst().orElseThrow();
        }
    }

    /** Field 41 of a stat line, the scheduling policy. */
    private static String policy(String stat) {
        return stat.substring(stat.lastIndexOf(") ") + 2).strip().split(" ")[38];
    }
}
