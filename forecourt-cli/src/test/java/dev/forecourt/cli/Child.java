package dev.forecourt.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A child process run to its end (or killed at a deadline), with what it printed, for tests of commands as a user runs them. */
record Child(int exitCode, String stdout, String stderr) {

    static Child run(Path dir, Consumer<Map<String, String>> env, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        File out = File.createTempFile("child", ".out");
        File err = File.createTempFile("child", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out).redirectError(err);
            env.accept(pb.environment());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                throw new AssertionError(command + " still running after " + timeout + "; stderr: "
                        + Files.readString(err.toPath(), StandardCharsets.UTF_8));
            }
            return new Child(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }

    /** The forecourt command in a child JVM of this JDK, on the test class path (its logging is the product's: ConsoleLog). */
    static Child forecourt(Path dir, Duration timeout, String... args) throws IOException, InterruptedException {
        return run(dir, env -> {}, timeout, forecourtCommand(args));
    }

    /** The command line of {@link #forecourt}, for a test that keeps the process running (a demo) while it works. */
    static List<String> forecourtCommand(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
