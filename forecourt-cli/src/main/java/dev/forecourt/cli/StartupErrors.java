package dev.forecourt.cli;

import dev.forecourt.edge.CannotStart;
import java.net.BindException;
import picocli.CommandLine;

/**
 * What stops a command from starting because of the operator's setup (a port in use, an images directory that is
 * not there, a certificate file without a certificate) is one line naming the culprit, and exit 1; a stack trace
 * would bury that line and suggest a bug. Anything else is a bug and keeps its stack trace.
 */
final class StartupErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof CannotStart || e instanceof BindException) {
            command.getErr().println("forecourt " + command.getCommandName() + ": " + e.getMessage());
            command.getErr().flush();
            return 1;
        }
        throw e;
    }
}
