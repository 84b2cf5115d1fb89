package dev.forecourt.cli;

import dev.forecourt.cli.options.CommandLine;
import dev.forecourt.edge.CannotStart;
import java.io.PrintWriter;
import java.net.BindException;

/**
 * What stops a command from starting because of the operator's setup (a port in use, an images directory that is
 * not there, a certificate file without a certificate) is one line naming the culprit, and exit 1; a stack trace
 * would bury that line and suggest a bug. Anything else is a bug and keeps its stack trace.
 */
final class StartupErrors implements CommandLine.Failure {
    @Override
    public boolean report(Exception e, String verb, PrintWriter err) {
        if (e instanceof CannotStart || e instanceof BindException) {
            err.println("forecourt " + verb + ": " + e.getMessage());
            err.flush();
            return true;
        }
        return false;
    }
}
