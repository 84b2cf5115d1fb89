package dev.forecourt.cli.options;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a command line: finds the verb named (only that one is made), reads its arguments, and answers help,
 * version, a usage error (the message and the verb's usage on stderr, exit 2) or runs it. What the verb throws goes
 * to the {@link Failure} handler, else it is a bug: its stack trace on stderr and exit 1.
 */
public final class CommandLine {
    /** Reports an exception that is the operator's to fix (in one line, say); false leaves it to be a bug. */
    public interface Failure {
        boolean report(Exception e, String verb, PrintWriter err);
    }

    private final Command top;
    private final Supplier<List<String>> version;
    private final Failure failure;
    private PrintWriter out = new PrintWriter(System.out, true);
    private PrintWriter err = new PrintWriter(System.err, true);

    public CommandLine(Command top, Supplier<List<String>> version, Failure failure) {
        this.top = top;
        this.version = version;
        this.failure = failure;
    }

    /** Where help and version go (stdout unless set). */
    public CommandLine setOut(PrintWriter out) {
        this.out = out;
        return this;
    }

    /** Where usage errors and failures go (stderr unless set). */
    public CommandLine setErr(PrintWriter err) {
        this.err = err;
        return this;
    }

    /** Runs {@code args}; the exit status. */
    public int execute(String... args) {
        try {
            return run(top, top.verb().name(), args, 0);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(Command command, String path, String[] args, int from) {
        Verb verb = command.verb();
        Arguments given;
        try {
            given = Parser.parse(verb, args, from);
        } catch (UsageError e) {
            err.println(e.getMessage());
            err.print(Usage.of(verb, path));
            return 2;
        }
        if (given.given(Verb.HELP)) {
            out.print(Usage.of(verb, path));
            return 0;
        }
        if (given.given(Verb.VERSION)) {
            version.get().forEach(out::println);
            return 0;
        }
        String next = given.nextVerb();
        if (next != null && next.equals(Verb.HELP_VERB) && verb.helpVerb()) {
            return help(verb, path, args, given.nextVerbAt() + 1);
        }
        if (next != null) {
            return run(verb.verbs().get(next).get(), path + " " + next, args, given.nextVerbAt() + 1);
        }
        try {
            return command.call(given);
        } catch (Exception e) {
            if (failure.report(e, verb.name(), err)) {
                return 1;
            }
            e.printStackTrace(err);
            return 1;
        }
    }

    /** {@code help [VERB]}: that verb's help, or this one's. */
    private int help(Verb verb, String path, String[] args, int at) {
        if (at == args.length) {
            out.print(Usage.of(verb, path));
            return 0;
        }
        Supplier<Command> named = verb.verbs().get(args[at]);
        if (named == null || at + 1 < args.length) {
            err.println("Unknown command: '" + String.join(" ", List.of(args).subList(at, args.length)) + "'");
            err.print(Usage.of(verb, path));
            return 2;
        }
        out.print(Usage.of(named.get().verb(), path + " " + args[at]));
        return 0;
    }
}
