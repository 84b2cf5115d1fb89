package dev.forecourt.edge.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a program is, as {@code execvp} finds it: with a '/' from the directory it runs in, else on the PATH. */
public final class Executables {
    private Executables() {}

    /** The executable {@code program} names when run in {@code dir}, or null when there is none. */
    public static Path find(String program, Path dir) {
        if (program.contains("/")) {
            Path p = dir.resolve(program);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        for (String d : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
