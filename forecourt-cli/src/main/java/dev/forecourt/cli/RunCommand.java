package dev.forecourt.cli;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code forecourt run FILE}: starts every role in the file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start every role in a configuration file. SIGHUP reloads it; SIGTERM drains and exits.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the configuration file (YAML)")
    Path file;

    @Option(names = "--threads", description = "event loop threads (default: one per core)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            System.err.println(file + ": no such file, or it can't be read");
            return 1;
        }
        Config config;
        try {
            config = ConfigReader.read(file);
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            return 1;
        }
        Running.prepareImaging(config);
        Forecourt f = Forecourt.start(config, threads);
        return Running.serve(f, file);
    }
}
