package dev.forecourt.edge.process;

import static dev.forecourt.edge.process.RunApp.alive;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child cannot outlive a Forecourt that dies without stopping it (kill -9): the kernel kills it too. */
class NoOrphansTest {
    @TempDir
    Path dir;

    @Test
    void killingForecourtWithSigkillKillsItsInstances() throws Exception {
        RunApp app = new RunApp(dir);
        Path pids = Files.createDirectory(dir.resolve("pids"));
        app.config("env: {PID_DIR: " + pids + "}\nmin: 2"); // writes forecourt.yaml
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process host = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunHost.class.getName(), dir.resolve("forecourt.yaml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("host.log").toFile()).start();
        try {
            RunApp.await("both instances listening", Duration.ofSeconds(30), () -> list(pids).size() == 2);
            List<Long> children = list(pids);
            assertThat(children).allMatch(RunApp::alive);
            assertThat(children).allMatch(pid -> ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                    .map(ProcessHandle::pid).orElse(-1L) == host.pid());
            host.destroyForcibly(); // SIGKILL: no shutdown hook, no close, nothing of Forecourt runs
            assertThat(host.waitFor(10, TimeUnit.SECONDS)).isTrue();
            RunApp.await("the kernel killed the orphaned instances", Duration.ofSeconds(5),
                    () -> children.stream().noneMatch(RunApp::alive));
        } finally {
            host.destroyForcibly();
            list(pids).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static List<Long> list(Path pids) {
        try (Stream<Path> s = Files.list(pids)) {
            return s.map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
