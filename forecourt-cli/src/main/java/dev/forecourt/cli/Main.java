package dev.forecourt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code forecourt} command. */
@Command(name = "forecourt", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A self-hosted edge that explains every hop of every request. Roles: a CDN (distributions), a "
                + "Host-routed service platform (ingress, services) and an IIIF image server (app iiif, or the iiif command).",
        subcommands = {RunCommand.class, CheckCommand.class, TraceCommand.class, DemoCommand.class, IiifCommand.class,
                TrainCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new StartupErrors());
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
