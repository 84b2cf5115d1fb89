package dev.forecourt.cli;

import dev.forecourt.edge.config.ConfigException;
import dev.forecourt.edge.runtime.ConfigReader;
import dev.forecourt.edge.config.Lines;
import dev.forecourt.cli.load.Findings;
import dev.forecourt.cli.load.LoadCheck;
import dev.forecourt.cli.walk.HopWalk;
import dev.forecourt.edge.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import dev.forecourt.cli.options.Arguments;
import dev.forecourt.cli.options.Command;
import dev.forecourt.cli.options.Option;
import dev.forecourt.cli.options.Parameter;
import dev.forecourt.cli.options.ValueType;
import dev.forecourt.cli.options.Verb;

/** {@code forecourt check FILE}: validates a configuration without starting anything. */
final class CheckCommand implements Command {
    static final Parameter<Path> FILE = Parameter.of(ValueType.PATH, "FILE", "the configuration file (YAML)");
    static final Option<Boolean> STRICT = Option.flag("exit 1 on warnings too, as on errors (for CI)", "--strict");
    static final Option<Boolean> NO_BIND = Option.flag("do not try to bind the listeners' addresses (when this file's "
            + "own forecourt runs and holds them, before a reload)", "--no-bind");
    static final Verb VERB = Verb.named("check", "Validate a configuration: unknown keys, bad values, unknown "
            + "references; then load it for real: certificates and their keys and names, files and directories, "
            + "listeners (bound and released), names resolved. Each error with file:line; exits 1 on errors. Then walk "
            + "it hop by hop (distribution, API, link, ingress) and warn of what will fail between hops (a Host the next "
            + "hop does not serve, cleartext or TLS or a TLS version it does not speak, no SNI, a path prefix nothing "
            + "there serves), each with the fix.")
            .takes(FILE).options(STRICT, NO_BIND);

    @Override
    public Verb verb() {
        return VERB;
    }

    @Override
    public int call(Arguments given) throws Exception {
        Path file = given.get(FILE);
        if (!Files.isReadable(file)) {
            System.err.println(file + ": no such file, or it can't be read");
            return 1;
        }
        try {
            ConfigReader.Read read = ConfigReader.readWithLines(file);
            Config c = read.config();
            Findings loaded = LoadCheck.run(c, file, read.lines(), !given.get(NO_BIND));
            // a set: a finding several rules (or behaviors) reach alike is said once
            Set<String> warnings = new LinkedHashSet<>(loaded.warnings());
            warnings.addAll(HopWalk.warnings(c));
            if (!loaded.errors().isEmpty()) {
                read.warnings().forEach(System.out::println);
                warnings.forEach(w -> System.out.println(located(file, read.lines(), w)));
                throw new ConfigException(loaded.errors());
            }
            System.out.println(file + ": OK (" + CheckSummary.of(c) + ")");
            read.warnings().forEach(System.out::println); // the rules' own, already file:line
            for (String w : warnings) {
                System.out.println(located(file, read.lines(), w));
            }
            return given.get(STRICT) && !(warnings.isEmpty() && read.warnings().isEmpty()) ? 1 : 0;
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            System.err.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + " found.");
            return 1;
        }
    }

    /** A warning "PATH: what" as errors are written: file:line first, the line of the key it names. */
    private static String located(Path file, Lines lines, String warning) {
        int line = lines.lineOf(warning);
        return file + (line > 0 ? ":" + line : "") + ": warning: " + warning;
    }
}
