package dev.forecourt.cli;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.runtime.Forecourt;
import dev.forecourt.edge.config.Config;
import dev.forecourt.cli.load.Findings;
import dev.forecourt.cli.load.LoadCheck;
import java.io.IOException;
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
            ConfigReader.Read read = ConfigReader.readWithLines(file);
            Running.prepareImaging(read.config()); // libvips binds while the file is loaded and the roles start
            config = loaded(read, file);
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            return 1;
        }
        Forecourt f = Forecourt.start(config, given.get(THREADS));
        return Running.serve(f, file);
    }

    /**
     * Reads {@code file} and loads it as {@code check} does ({@link LoadCheck}: certificates and keys, files and
     * directories, names), refusing what check refuses: a start (or a reload) with a key that is not its
     * certificate's, or a CA file without certificates, would otherwise fail in every handshake instead of here.
     * A name that does not resolve, a warning for check, stops run here with check's words rather than at the
     * start with the resolver's exception. Listeners are not tried: the start binds them.
     */
    static Config load(Path file) throws ConfigException, IOException {
        return loaded(ConfigReader.readWithLines(file), file);
    }

    private static Config loaded(ConfigReader.Read read, Path file) throws ConfigException, IOException {
        Findings found = LoadCheck.run(read.config(), file, read.lines(), false);
        if (!found.errorsToRun().isEmpty()) {
            throw new ConfigException(found.errorsToRun());
        }
        return read.config();
    }
}
