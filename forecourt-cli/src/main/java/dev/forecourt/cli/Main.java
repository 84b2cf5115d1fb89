package dev.forecourt.cli;

import dev.forecourt.cli.options.Arguments;
import dev.forecourt.cli.options.Command;
import dev.forecourt.cli.options.CommandLine;
import dev.forecourt.cli.options.Usage;
import dev.forecourt.cli.options.Verb;

/** The {@code forecourt} command: its verbs, in the order help lists them; only the one asked for is made. */
public final class Main implements Command {
    static final Verb VERB = Verb.named("forecourt", "A self-hosted edge that explains every hop of every request. "
            + "Roles: a CDN (distributions), an API gateway (apis), a load-balancer link (links), a Host-routed service "
            + "platform that runs and scales its apps (ingress, services) and an IIIF image server (app iiif, or the "
            + "iiif command); check walks a file hop by hop before traffic, trace tells what every hop did to a request.")
            .verb("run", RunCommand::new)
            .verb("check", CheckCommand::new)
            .verb("trace", TraceCommand::new)
            .verb("demo", DemoCommand::new)
            .verb("iiif", IiifCommand::new)
            .verb("train", TrainCommand::new)
            .withHelpVerb();

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The forecourt command line. */
    static CommandLine commandLine(String... args) {
        return commandLine(new Main());
    }

    /** A command line of {@code command} alone (a verb run as though named, as the training run and tests do). */
    static CommandLine commandLine(Command command) {
        return new CommandLine(command, Version::lines, new StartupErrors());
    }

    @Override
    public Verb verb() {
        return VERB;
    }

    /** No verb: what there is. */
    @Override
    public int call(Arguments given) {
        System.out.print(Usage.of(VERB, VERB.name()));
        return 0;
    }
}
