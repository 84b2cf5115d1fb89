package dev.forecourt.cli.options;

import java.util.List;
import java.util.function.Supplier;

/**
 * One option of a verb, declared once: its names, the label of its value, what it does, how its text is read and
 * what it is when not given. Parsing, help and the usage errors all read this one declaration.
 *
 * @param shownDefault the default as help says it ("one per core"), or null when help says none
 */
public record Option<T>(List<String> names, String label, String doc, ValueType<?> type, Arity arity,
        Supplier<T> fallback, String shownDefault) {

    /** How many values an option takes: none (a flag), one (given at most once), or one per use (repeatable). */
    public enum Arity { FLAG, ONE, MANY }

    public static Option<Boolean> flag(String doc, String... names) {
        return new Option<>(List.of(names), null, doc, null, Arity.FLAG, () -> false, null);
    }

    /** An option given at most once; null when not given, unless {@link #orElse} says otherwise. */
    public static <T> Option<T> one(ValueType<T> type, String label, String doc, String... names) {
        return new Option<>(List.of(names), label, doc, type, Arity.ONE, () -> null, null);
    }

    /** An option given any number of times: the list of its values, in order, empty when not given. */
    public static <T> Option<List<T>> many(ValueType<T> type, String label, String doc, String... names) {
        return new Option<>(List.of(names), label, doc, type, Arity.MANY, List::of, null);
    }

    /** The value when not given, and as help shows it. */
    public Option<T> orElse(T value) {
        return orElse(() -> value, String.valueOf(value));
    }

    /** The value when not given, worked out when asked (from the machine or the environment), as help says it. */
    public Option<T> orElse(Supplier<T> value, String shown) {
        return new Option<>(names, label, doc, type, arity, value, shown);
    }

    /** No value when not given (null), and what the verb does then, as help says it. */
    public Option<T> absentMeans(String shown) {
        return new Option<>(names, label, doc, type, arity, fallback, shown);
    }

    /** The longest name: the one messages use. */
    public String name() {
        return names.getLast();
    }

    /** Help's text for it: what it does, then its default. */
    public String help() {
        return shownDefault == null ? doc : doc + " (default: " + shownDefault + ")";
    }
}
