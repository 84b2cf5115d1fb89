package dev.forecourt.cli;

import dev.forecourt.cli.config.Checked;
import dev.forecourt.cli.config.ConfigException;
import dev.forecourt.cli.config.ConfigReader;
import dev.forecourt.edge.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code forecourt check FILE}: validates a configuration without starting anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a configuration: unknown keys, bad values, unknown references; each error with file:line. Exits 1 on errors. Then walk it hop by hop and warn of what will fail between hops (a Host the next hop does not serve, a protocol it does not speak).")
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the configuration file (YAML)")
    Path file;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            System.err.println(file + ": no such file, or it can't be read");
            return 1;
        }
        try {
            Checked checked = ConfigReader.check(file);
            Config c = checked.config();
            System.out.println(file + ": OK (" + c.services().size() + " service" + (c.services().size() == 1 ? "" : "s")
                    + (c.ingress() != null ? ", ingress" : "") + (c.distributions().isEmpty() ? ""
                    : ", distributions " + String.join(", ", c.distributions().keySet()))
                    + (c.admin() != null ? ", admin" : "") + ")");
            checked.warnings().forEach(System.out::println);
            for (String w : HopWalk.warnings(c)) {
                System.out.println(file + ": warning: " + w);
            }
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            System.err.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + " found.");
            return 1;
        }
    }
}
