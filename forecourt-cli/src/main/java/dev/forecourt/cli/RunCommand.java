package dev.forecourt.cli;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.forecourt.cli.options.Arguments;
import dev.forecourt.cli.options.Command;
import dev.forecourt.cli.options.Option;
import dev.forecourt.cli.options.ValueType;
import dev.forecourt.cli.options.Verb;

/** {@code forecourt run FILE}: starts every role in the file. */
final class RunCommand implements Command {
    static final Option<Integer> THREADS = Option.one(ValueType.INT, "N", "event loop threads", "--threads")
            .orElse(() -> Runtime.getRuntime().availableProcessors(), "one per core");
    static final Verb VERB = Verb.named("run",
            "Start every role in a configuration file. SIGHUP reloads it; SIGTERM drains and exits.")
            .takes(CheckCommand.FILE).options(THREADS);

    @Override
    public Verb verb() {
        return VERB;
    }

    @Override
    public int call(Arguments given) throws Exception {
        Path file = given.get(CheckCommand.FILE);
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
        Forecourt f = Forecourt.start(config, given.get(THREADS));
        return Running.serve(f, file);
    }
}
