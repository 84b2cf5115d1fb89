package dev.forecourt.cli;

import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.distribution.DistributionRole;

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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code forecourt check FILE}: validates a configuration without starting anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a configuration: unknown keys, bad values, unknown references; then load it for real: certificates and their keys and names, files and directories, listeners (bound and released), names resolved. Each error with file:line; exits 1 on errors. Then walk it hop by hop (distribution, API, link, ingress) and warn of what will fail between hops (a Host the next hop does not serve, cleartext or TLS or a TLS version it does not speak, no SNI, a path prefix nothing there serves), each with the fix.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the configuration file (YAML)")
    Path file;

    @Option(names = "--strict", description = "exit 1 on warnings too, as on errors (for CI)")
    boolean strict;

    @Option(names = "--no-bind", description = "do not try to bind the listeners' addresses (when this file's own forecourt runs and holds them, before a reload)")
    boolean noBind;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            System.err.println(file + ": no such file, or it can't be read");
            return 1;
        }
        try {
            ConfigReader.Read read = ConfigReader.readWithLines(file);
            Config c = read.config();
            Findings loaded = LoadCheck.run(c, file, read.lines(), !noBind);
            // a set: a finding several rules (or behaviors) reach alike is said once
            Set<String> warnings = new LinkedHashSet<>(loaded.warnings());
            warnings.addAll(HopWalk.warnings(c));
            if (!loaded.errors().isEmpty()) {
                read.warnings().forEach(System.out::println);
                warnings.forEach(w -> System.out.println(located(read.lines(), w)));
                throw new ConfigException(loaded.errors());
            }
            System.out.println(file + ": OK (" + IngressRole.ROLE.of(c).services().size() + " service" + (IngressRole.ROLE.of(c).services().size() == 1 ? "" : "s")
                    + (IngressRole.ROLE.of(c).ingress() != null ? ", ingress" : "") + (DistributionRole.ROLE.of(c).distributions().isEmpty() ? ""
                    : ", distributions " + String.join(", ", DistributionRole.ROLE.of(c).distributions().keySet()))
                    + (c.admin() != null ? ", admin" : "") + ")");
            read.warnings().forEach(System.out::println); // the rules' own, already file:line
            for (String w : warnings) {
                System.out.println(located(read.lines(), w));
            }
            return strict && !(warnings.isEmpty() && read.warnings().isEmpty()) ? 1 : 0;
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            System.err.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + " found.");
            return 1;
        }
    }

    /** A warning "PATH: what" as errors are written: file:line first, the line of the key it names. */
    private String located(Lines lines, String warning) {
        int line = lines.lineOf(warning);
        return file + (line > 0 ? ":" + line : "") + ": warning: " + warning;
    }
}
