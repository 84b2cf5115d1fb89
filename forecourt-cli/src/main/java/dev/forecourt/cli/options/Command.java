package dev.forecourt.cli.options;

/** A verb of the command line: its declaration, and what it does with the arguments given to it. */
public interface Command {
    Verb verb();

    /** Runs the verb; the process's exit status (0 done, 1 failed, 2 used wrongly). */
    int call(Arguments given) throws Exception;
}
