package dev.forecourt.cli.options;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Reads a verb's arguments against its declaration: {@code --name value} and {@code --name=value}, a short name
 * with its value attached ({@code -XPOST}), flags (one short flag an argument: no groups like {@code -hV}, and help's
 * synopsis shows none), positional parameters in order, {@code --} before parameters that
 * begin with a dash, and the name of one of the verb's own verbs (the rest is that verb's). Anything else is a
 * {@link UsageError} naming the argument.
 */
final class Parser {
    private Parser() {}

    static Arguments parse(Verb verb, String[] args, int from) {
        IdentityHashMap<Option<?>, Object> options = new IdentityHashMap<>();
        List<Object> parameters = new ArrayList<>();
        boolean onlyParameters = false;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!onlyParameters && arg.equals("--")) {
                onlyParameters = true;
            } else if (!onlyParameters && arg.startsWith("-") && arg.length() > 1) {
                i = option(verb, args, i, options);
            } else if (!onlyParameters && parameters.isEmpty() && verb.hasVerb(arg)) {
                return new Arguments(verb, options, parameters, arg, i);
            } else if (parameters.size() == verb.parameters().size()) {
                throw new UsageError("Unmatched argument at index " + i + ": '" + arg + "'");
            } else {
                Parameter<?> p = verb.parameters().get(parameters.size());
                parameters.add(p.type().value("positional parameter " + p.label(), arg));
            }
        }
        boolean asksForHelp = options.containsKey(Verb.HELP) || options.containsKey(Verb.VERSION);
        if (!asksForHelp && parameters.size() < verb.parameters().size()) {
            throw new UsageError("Missing required parameter: '" + verb.parameters().get(parameters.size()).label() + "'");
        }
        return new Arguments(verb, options, parameters, null, -1);
    }

    /** Whether {@code arg} names one of the verb's options, alone or as {@code --name=value}. */
    private static boolean isOption(Verb verb, String arg) {
        int eq = arg.indexOf('=');
        return verb.option(eq > 0 ? arg.substring(0, eq) : arg) != null;
    }

    /** Reads the option at {@code args[i]} (and its value) into {@code options}; where it ended. */
    @SuppressWarnings("unchecked") // a MANY option's value is the list made here
    private static int option(Verb verb, String[] args, int i, IdentityHashMap<Option<?>, Object> options) {
        String arg = args[i];
        int eq = arg.indexOf('=');
        String name = eq > 0 ? arg.substring(0, eq) : arg;
        String text = eq > 0 ? arg.substring(eq + 1) : null;
        Option<?> o = verb.option(name);
        if (o == null && !arg.startsWith("--") && arg.length() > 2) { // -XPOST, -H'Cookie: a=b' (its '=' is the value's)
            Option<?> shortName = verb.option(arg.substring(0, 2));
            if (shortName != null && shortName.arity() != Option.Arity.FLAG) {
                o = shortName;
                text = arg.substring(2);
            }
        }
        if (o == null) {
            throw new UsageError("Unknown option: '" + name + "'");
        }
        if (o.arity() == Option.Arity.FLAG) {
            if (text != null) {
                throw new UsageError("option '" + o.name() + "' takes no value: '" + arg + "'");
            }
            options.put(o, true);
            return i;
        }
        if (text == null) {
            if (i + 1 == args.length || isOption(verb, args[i + 1])) {
                throw new UsageError("Missing required parameter for option '" + o.name() + "' (" + o.label() + ")");
            }
            text = args[++i];
        }
        Object value = o.type().value("option '" + o.name() + "'", text);
        if (o.arity() == Option.Arity.MANY) {
            ((List<Object>) options.computeIfAbsent(o, k -> new ArrayList<>())).add(value);
        } else if (options.putIfAbsent(o, value) != null) {
            throw new UsageError("option '" + o.name() + "' (" + o.label() + ") should be specified only once");
        }
        return i;
    }
}
