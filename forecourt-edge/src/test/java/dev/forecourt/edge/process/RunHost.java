package dev.forecourt.edge.process;

import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import java.nio.file.Path;

/** A Forecourt in a JVM of its own, for a test to kill: runs the file named by its argument until it is killed. */
public final class RunHost {
    private RunHost() {}

    public static void main(String[] args) throws Exception {
        Forecourt.start(ConfigReader.read(Path.of(args[0])), 1);
        System.out.println("started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
