package dev.forecourt.cli.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A verb's declaration: its name, what it does, its positional parameters, its options and its own verbs (made only
 * when named, so a start builds the one verb it runs). Every verb takes {@link #HELP} and {@link #VERSION} too.
 *
 * @param helpVerb whether {@code help VERB} is one of its verbs (the top command's)
 */
public record Verb(String name, String doc, boolean hidden, List<Parameter<?>> parameters, List<Option<?>> options,
        Map<String, Supplier<Command>> verbs, boolean helpVerb) {
    public static final Option<Boolean> HELP = Option.flag("Show this help message and exit.", "-h", "--help");
    public static final Option<Boolean> VERSION = Option.flag("Print version information and exit.", "-V", "--version");
    static final String HELP_VERB = "help";
    static final String HELP_VERB_DOC = "Display help information about the specified command.";

    public static Verb named(String name, String doc) {
        return new Verb(name, doc, false, List.of(), List.of(HELP, VERSION), Map.of(), false);
    }

    public Verb takes(Parameter<?>... declared) {
        return new Verb(name, doc, hidden, List.of(declared), options, verbs, helpVerb);
    }

    /** Its options, in the order help lists them (before -h and -V). */
    public Verb options(Option<?>... declared) {
        List<Option<?>> all = new ArrayList<>(List.of(declared));
        all.addAll(List.of(HELP, VERSION));
        return new Verb(name, doc, hidden, parameters, List.copyOf(all), verbs, helpVerb);
    }

    /** A verb of its own, in the order help lists them. */
    public Verb verb(String verbName, Supplier<Command> make) {
        Map<String, Supplier<Command>> all = new LinkedHashMap<>(verbs);
        all.put(verbName, make);
        return new Verb(name, doc, hidden, parameters, options, all, helpVerb);
    }

    /** Left out of the help of the verb above it (a verb for tools, not users). */
    public Verb hide() {
        return new Verb(name, doc, true, parameters, options, verbs, helpVerb);
    }

    public Verb withHelpVerb() {
        return new Verb(name, doc, hidden, parameters, options, verbs, true);
    }

    /** The option one of whose names is {@code name}, or null. */
    Option<?> option(String optionName) {
        for (Option<?> o : options) {
            if (o.names().contains(optionName)) {
                return o;
            }
        }
        return null;
    }

    boolean hasVerb(String verbName) {
        return verbs.containsKey(verbName) || helpVerb && verbName.equals(HELP_VERB);
    }
}
