package dev.forecourt.cli.options;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command line gave a verb: the value of each option given and of each positional parameter, and the verb of
 * its own named (with where its arguments start), if any.
 */
public final class Arguments {
    private final Verb verb;
    private final Map<Option<?>, Object> options;
    private final List<Object> parameters;
    private final String nextVerb;
    private final int nextVerbAt;

    Arguments(Verb verb, IdentityHashMap<Option<?>, Object> options, List<Object> parameters, String nextVerb, int at) {
        this.verb = verb;
        this.options = options;
        this.parameters = parameters;
        this.nextVerb = nextVerb;
        this.nextVerbAt = at;
    }

    /** The option's value as given, else its default. */
    @SuppressWarnings("unchecked") // the parser stores for each option a value of its type
    public <T> T get(Option<T> option) {
        return options.containsKey(option) ? (T) options.get(option) : option.fallback().get();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Parameter<T> parameter) {
        for (int i = 0; i < verb.parameters().size(); i++) {
            if (verb.parameters().get(i) == parameter) {
                return (T) parameters.get(i);
            }
        }
        throw new IllegalArgumentException(parameter.label() + " is not a parameter of " + verb.name());
    }

    boolean given(Option<?> option) {
        return options.containsKey(option);
    }

    /** The verb of its own named on the command line, or null. */
    String nextVerb() {
        return nextVerb;
    }

    /** Where that verb's name stands in the arguments. */
    int nextVerbAt() {
        return nextVerbAt;
    }
}
