package dev.forecourt.edge.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code services.NAME.run}: the command Forecourt starts for each instance (App Runner's container), what it is
 * given, and how many run. Each instance is a child process told its port in {@code PORT}; {@code port} 0 is
 * {@code auto} (a free loopback port per instance). The defaults are App Runner's where it has one.
 */
public record RunConfig(List<String> command, Map<String, String> env, Path workingDir, int port, int min, int max,
                        int maxConcurrency, Duration startTimeout, Duration drainTimeout, Duration cooldown) {
    public static final int AUTO_PORT = 0;
    public static final int MIN = 1;
    public static final int MAX = 25;
    public static final int MAX_CONCURRENCY = 100;
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration COOLDOWN = Duration.ofSeconds(60);

    public RunConfig {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /** A run block with every default but the command and where it runs. */
    public static RunConfig of(List<String> command, Path workingDir) {
        return new RunConfig(command, Map.of(), workingDir, AUTO_PORT, MIN, MAX, MAX_CONCURRENCY, START_TIMEOUT,
                DRAIN_TIMEOUT, COOLDOWN);
    }
}
