package dev.forecourt.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code forecourt} command. */
@Command(name = "forecourt", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A self-hosted edge that explains every hop of every request. Roles: a CDN (distributions), an "
                + "API gateway (apis), a load-balancer link (links), a Host-routed service platform that runs and scales "
                + "its apps (ingress, services) and an IIIF image server (app iiif, or the iiif command); check walks a "
                + "file hop by hop before traffic, trace tells what every hop did to a request.")
public final class Main implements Runnable {
    /**
     * The verbs, in the order help lists them. Only the one asked for is built: picocli reads every option of a
     * command by reflection, and all of them at once were a third of a second of every start.
     */
    private static final Map<String, Supplier<Object>> VERBS = new LinkedHashMap<>();

    static {
        VERBS.put("run", RunCommand::new);
        VERBS.put("check", CheckCommand::new);
        VERBS.put("trace", TraceCommand::new);
        VERBS.put("demo", DemoCommand::new);
        VERBS.put("iiif", IiifCommand::new);
        VERBS.put("train", TrainCommand::new);
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** Every verb, for help. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /** The command line for {@code args}: the verb it names only, or every verb (help, no verb, a verb misspelt). */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Supplier<Object> verb = args.length > 0 ? VERBS.get(args[0]) : null;
        if (verb != null) {
            cl.addSubcommand(args[0], verb.get());
        } else {
            VERBS.forEach((name, make) -> cl.addSubcommand(name, make.get()));
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        return cl.setExecutionExceptionHandler(new StartupErrors()); // after the verbs: it is set on those there are
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
