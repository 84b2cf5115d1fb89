package dev.forecourt.cli.options;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** How an option's or parameter's text becomes its value; a text that is not one is named in the usage error. */
public record ValueType<T>(String name, Function<String, T> read) {
    public static final ValueType<String> TEXT = new ValueType<>("text", s -> s);
    public static final ValueType<Integer> INT = new ValueType<>("an int", Integer::valueOf);
    public static final ValueType<Long> LONG = new ValueType<>("a long", Long::valueOf);
    public static final ValueType<Path> PATH = new ValueType<>("a path", Path::of);

    /** A text that must be one of {@code choices}, as written. */
    public static ValueType<String> oneOf(List<String> choices) {
        List<String> all = List.copyOf(choices);
        return new ValueType<>("one of " + String.join(", ", all), s -> {
            if (!all.contains(s)) throw new IllegalArgumentException(s);
            return s;
        });
    }

    /** The value of {@code text}, or a usage error naming {@code what} (the option or the parameter). */
    T value(String what, String text) {
        try {
            return read.apply(text);
        } catch (IllegalArgumentException e) { // a number's, a path's or a choice's
            throw new UsageError("Invalid value for " + what + ": '" + text + "' is not " + name);
        }
    }
}
